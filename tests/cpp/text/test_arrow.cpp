// ArrowTexts: the Arrow C data interface structs walked by hand-built arrays
// (what pyarrow and polars export), without libarrow.
#include <cstring>
#include <string>
#include <vector>

#include "catch.hpp"
#include "textgauge/error.hpp"
#include "textgauge/text/arrow.hpp"

using namespace textgauge;

namespace {

int g_released = 0;  // release callbacks called, over every struct of a test

struct Producer {
  std::vector<std::vector<std::uint8_t>> buffers;
  std::vector<const void*> pointers;
};

void release_array(ArrowArray* a) {
  delete static_cast<Producer*>(a->private_data);
  a->release = nullptr;
  ++g_released;
}

void release_schema(ArrowSchema* s) {
  s->release = nullptr;
  ++g_released;
}

ArrowSchema schema(const char* format) {
  ArrowSchema s{};
  s.format = format;
  s.release = &release_schema;
  return s;
}

template <class T>
std::vector<std::uint8_t> bytes_of(const std::vector<T>& v) {
  std::vector<std::uint8_t> out(v.size() * sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), v.data(), out.size());
  return out;
}

// An array owning copies of `buffers` (an empty one is a null pointer).
ArrowArray array(std::int64_t length, std::int64_t offset, std::int64_t null_count,
                 std::vector<std::vector<std::uint8_t>> buffers) {
  auto* p = new Producer{std::move(buffers), {}};
  for (auto& b : p->buffers) p->pointers.push_back(b.empty() ? nullptr : b.data());
  ArrowArray a{};
  a.length = length;
  a.offset = offset;
  a.null_count = null_count;
  a.n_buffers = static_cast<std::int64_t>(p->pointers.size());
  a.buffers = p->pointers.data();
  a.release = &release_array;
  a.private_data = p;
  return a;
}

// A string (int32 offsets) or large_string (int64 offsets) array of `texts`.
template <class Offset>
ArrowArray strings(const std::vector<std::string>& texts, std::int64_t offset = 0,
                   std::vector<std::uint8_t> validity = {}, std::int64_t null_count = 0) {
  std::vector<Offset> offsets{0};
  std::string data;
  for (const auto& t : texts) {
    data += t;
    offsets.push_back(static_cast<Offset>(data.size()));
  }
  return array(static_cast<std::int64_t>(texts.size()) - offset, offset, null_count,
               {std::move(validity), bytes_of(offsets), std::vector<std::uint8_t>(data.begin(), data.end())});
}

std::vector<std::string> as_strings(const ArrowTexts::Read& r) { return {r.views.begin(), r.views.end()}; }

}  // namespace

TEST_CASE("string and large_string arrays are read in place, sliced", "[arrow]") {
  g_released = 0;
  {
    ArrowSchema s = schema("u");
    ArrowTexts t(&s);
    CHECK(s.release == nullptr);  // moved in
    ArrowArray a = strings<std::int32_t>({"skip", "good", "", "caf\xC3\xA9"}, 1);
    t.add_chunk(&a);
    ArrowArray b = strings<std::int32_t>({"x"});
    t.add_chunk(&b);
    CHECK(t.size() == 4);
    const auto r = t.read(true);
    CHECK(as_strings(r) == std::vector<std::string>{"good", "", "caf\xC3\xA9", "x"});
    CHECK(r.ascii == std::vector<std::uint8_t>{1, 1, 0, 1});
    CHECK(r.first_null == ArrowTexts::npos);
    CHECK(t.read(false).ascii.empty());
  }
  CHECK(g_released == 3);  // the schema and both arrays

  ArrowSchema s = schema("U");
  ArrowTexts t(&s);
  ArrowArray a = strings<std::int64_t>({"one", "two"});
  t.add_chunk(&a);
  CHECK(t.layout() == ArrowTexts::Layout::large_string);
  CHECK(as_strings(t.read(true)) == std::vector<std::string>{"one", "two"});
}

TEST_CASE("string_view arrays: inline and out-of-line views, variadic buffers", "[arrow]") {
  const std::string long1 = "a text longer than twelve bytes";
  const std::string long2 = "another long text, second buffer";
  auto view = [](const std::string& text, std::int32_t index, std::int32_t offset) {
    std::vector<std::uint8_t> v(16, 0);
    const auto len = static_cast<std::int32_t>(text.size());
    std::memcpy(v.data(), &len, 4);
    if (len <= 12) {
      std::memcpy(v.data() + 4, text.data(), text.size());
    } else {
      std::memcpy(v.data() + 4, text.data(), 4);
      std::memcpy(v.data() + 8, &index, 4);
      std::memcpy(v.data() + 12, &offset, 4);
    }
    return v;
  };
  std::vector<std::uint8_t> views;
  for (const auto& v : {view("pad", 0, 0), view("short", 0, 0), view(long1, 0, 3), view("", 0, 0),
                        view(long2, 1, 0), view("twelve bytes", 0, 0)})
    views.insert(views.end(), v.begin(), v.end());
  const std::string buf0 = "xyz" + long1;
  const std::vector<std::int64_t> sizes{static_cast<std::int64_t>(buf0.size()),
                                        static_cast<std::int64_t>(long2.size())};
  ArrowSchema s = schema("vu");
  ArrowTexts t(&s);
  ArrowArray a = array(5, 1, 0,
                       {{},
                        views,
                        std::vector<std::uint8_t>(buf0.begin(), buf0.end()),
                        std::vector<std::uint8_t>(long2.begin(), long2.end()),
                        bytes_of(sizes)});
  t.add_chunk(&a);
  CHECK(as_strings(t.read(true)) == std::vector<std::string>{"short", long1, "", long2, "twelve bytes"});

  SECTION("a view past its data buffer is refused, naming the row") {
    std::vector<std::uint8_t> bad = view(long1, 0, 10);  // 10 + 31 > 34 bytes
    ArrowSchema s2 = schema("vu");
    ArrowTexts t2(&s2);
    ArrowArray b =
        array(1, 0, 0, {{}, bad, std::vector<std::uint8_t>(buf0.begin(), buf0.end()), bytes_of(sizes)});
    t2.add_chunk(&b);
    CHECK_THROWS_WITH(t2.read(false), "malformed Arrow string array at row 0: view outside its data buffer");
  }
}

TEST_CASE("the first null row is reported, counted over chunks and slices", "[arrow]") {
  ArrowSchema s = schema("u");
  ArrowTexts t(&s);
  ArrowArray a = strings<std::int32_t>({"a", "b"});
  t.add_chunk(&a);
  // Bits (LSB first) 1,1,0,1 with offset 1: rows "y", null, "w".
  ArrowArray b = strings<std::int32_t>({"x", "y", "z", "w"}, 1, {0b1011}, 1);
  t.add_chunk(&b);
  const auto r = t.read(true);
  CHECK(r.first_null == 3);
  CHECK(as_strings(r) == std::vector<std::string>{"a", "b", "y"});
  // null_count 0: the bitmap is not read even when present.
  ArrowSchema s2 = schema("u");
  ArrowTexts t2(&s2);
  ArrowArray c = strings<std::int32_t>({"x", "y"}, 0, {0}, 0);
  t2.add_chunk(&c);
  CHECK(t2.read(true).first_null == ArrowTexts::npos);
}

TEST_CASE("invalid UTF-8 throws DecodeError naming the row and the offset in its text", "[arrow]") {
  ArrowSchema s = schema("u");
  ArrowTexts t(&s);
  ArrowArray a = strings<std::int32_t>({"ok"});
  t.add_chunk(&a);
  ArrowArray b = strings<std::int32_t>({"fine",
                                        "ab\xFF"
                                        "c"});
  t.add_chunk(&b);
  try {
    (void)t.read(true);
    FAIL("no exception");
  } catch (const DecodeError& e) {
    CHECK(e.byte_offset() == 2);
    CHECK(e.source() == "document 2");
  }
  CHECK(t.read(false).views.size() == 3);  // not checked: the caller validates
}

TEST_CASE("formats other than strings, and malformed arrays, are refused", "[arrow]") {
  g_released = 0;
  ArrowSchema s = schema("l");
  try {
    ArrowTexts refused(&s);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("format \"l\" holds no text") != std::string::npos);
  }
  CHECK(g_released == 1);  // released although refused
  ArrowSchema s2 = schema("u");
  ArrowTexts t(&s2);
  ArrowArray a = array(1, 0, 0, {{}, bytes_of(std::vector<std::int32_t>{5, 2}), {'a', 'b', 'c', 'd', 'e'}});
  t.add_chunk(&a);
  CHECK_THROWS_WITH(t.read(false), "malformed Arrow string array at row 0: offsets decrease");
}

namespace {
struct FakeStream {
  std::vector<std::vector<std::string>> chunks;
  std::size_t next = 0;
};
}  // namespace

TEST_CASE("a stream is drained and released; its arrays outlive it", "[arrow]") {
  g_released = 0;
  auto* state = new FakeStream{{{"one", "two"}, {}, {"three"}}};
  ArrowArrayStream stream{};
  stream.private_data = state;
  stream.get_schema = [](ArrowArrayStream*, ArrowSchema* out) {
    *out = schema("u");
    return 0;
  };
  stream.get_next = [](ArrowArrayStream* st, ArrowArray* out) {
    auto* f = static_cast<FakeStream*>(st->private_data);
    if (f->next == f->chunks.size()) {
      out->release = nullptr;  // end of stream
      return 0;
    }
    *out = strings<std::int32_t>(f->chunks[f->next++]);
    return 0;
  };
  stream.get_last_error = [](ArrowArrayStream*) -> const char* { return nullptr; };
  stream.release = [](ArrowArrayStream* st) {
    delete static_cast<FakeStream*>(st->private_data);
    st->release = nullptr;
    ++g_released;
  };
  {
    ArrowTexts t = ArrowTexts::from_stream(&stream);
    CHECK(stream.release == nullptr);
    CHECK(g_released == 1);
    CHECK(as_strings(t.read(true)) == std::vector<std::string>{"one", "two", "three"});
  }
  CHECK(g_released == 5);  // the stream, the schema and three arrays
}
