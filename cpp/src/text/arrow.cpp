#include "textgauge/text/arrow.hpp"

#include <cstring>
#include <utility>

#include "textgauge/error.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

// Arrow's validity bitmaps are least-significant-bit first.
inline bool is_valid(const std::uint8_t* bitmap, std::int64_t i) noexcept {
  return bitmap == nullptr || ((bitmap[i >> 3] >> (i & 7)) & 1) != 0;
}

[[noreturn]] void malformed(std::size_t row, const char* what) {
  throw Error("malformed Arrow string array at row " + std::to_string(row) + ": " + what);
}

}  // namespace

ArrowTexts::ArrowTexts(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) throw Error("Arrow schema already released");
  schema_ = *schema;
  schema->release = nullptr;  // moved: the producer's struct no longer owns it
  const std::string_view format = schema_.format ? schema_.format : "";
  if (format == "u")
    layout_ = Layout::string;
  else if (format == "U")
    layout_ = Layout::large_string;
  else if (format == "vu")
    layout_ = Layout::string_view;
  else {
    const std::string message = "an Arrow column of format \"" + std::string(format) +
                                "\" holds no text; expected string (\"u\"), large_string (\"U\") or "
                                "string_view (\"vu\")";
    release_all();  // no destructor runs for an object whose constructor throws
    throw Error(message);
  }
}

ArrowTexts ArrowTexts::from_stream(ArrowArrayStream* stream) {
  // Released on every way out, the arrays already taken stay valid (each
  // array owns its buffers, independently of the stream).
  struct StreamGuard {
    ArrowArrayStream* s;
    ~StreamGuard() {
      if (s->release) s->release(s);
    }
  } guard{stream};
  auto failure = [&](int code) {
    const char* msg = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
    return Error("reading an Arrow stream failed (errno " + std::to_string(code) +
                 (msg ? "): " + std::string(msg) : ")"));
  };
  if (stream->release == nullptr) throw Error("Arrow stream already released");
  ArrowSchema schema{};
  if (int rc = stream->get_schema(stream, &schema)) throw failure(rc);
  ArrowTexts out(&schema);
  for (;;) {
    ArrowArray a{};
    if (int rc = stream->get_next(stream, &a)) throw failure(rc);
    if (a.release == nullptr) break;  // end of stream
    out.add_chunk(&a);
  }
  return out;
}

ArrowTexts::ArrowTexts(ArrowTexts&& other) noexcept
    : schema_(other.schema_), chunks_(std::move(other.chunks_)), layout_(other.layout_), rows_(other.rows_) {
  other.schema_.release = nullptr;
  other.chunks_.clear();
  other.rows_ = 0;
}

ArrowTexts& ArrowTexts::operator=(ArrowTexts&& other) noexcept {
  if (this != &other) {
    release_all();
    schema_ = other.schema_;
    chunks_ = std::move(other.chunks_);
    layout_ = other.layout_;
    rows_ = other.rows_;
    other.schema_.release = nullptr;
    other.chunks_.clear();
    other.rows_ = 0;
  }
  return *this;
}

ArrowTexts::~ArrowTexts() { release_all(); }

void ArrowTexts::release_all() noexcept {
  for (ArrowArray& a : chunks_)
    if (a.release) a.release(&a);
  chunks_.clear();
  if (schema_.release) schema_.release(&schema_);
  schema_.release = nullptr;
}

void ArrowTexts::add_chunk(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) throw Error("Arrow array already released");
  // Take it first, so that it is released even when it is refused below.
  chunks_.push_back(*array);
  array->release = nullptr;
  const ArrowArray& a = chunks_.back();
  // validity, offsets, data; or validity, views, the data buffers, their sizes
  if (a.length < 0 || a.offset < 0 || a.n_children != 0 ||
      (layout_ == Layout::string_view ? a.n_buffers < 3 : a.n_buffers != 3))
    throw Error("malformed Arrow string array: " + std::to_string(a.n_buffers) + " buffers, length " +
                std::to_string(a.length) + ", offset " + std::to_string(a.offset));
  rows_ += static_cast<std::size_t>(a.length);
}

ArrowTexts::Read ArrowTexts::read(bool validate_utf8) const {
  Read r;
  r.views.reserve(rows_);
  if (validate_utf8) r.ascii.reserve(rows_);
  std::size_t row = 0;
  auto take = [&](std::string_view v) {
    if (validate_utf8) {
      const bool ascii = is_ascii(v);
      if (!ascii) {
        const std::size_t bad = find_invalid_utf8(v);
        if (bad != std::string_view::npos) throw DecodeError(bad, "document " + std::to_string(row));
      }
      r.ascii.push_back(ascii);
    }
    r.views.push_back(v);
  };
  for (const ArrowArray& a : chunks_) {
    // A validity bitmap is read only when the producer says there may be nulls
    // (null_count -1 means "not computed").
    const auto* validity = a.null_count != 0 ? static_cast<const std::uint8_t*>(a.buffers[0]) : nullptr;
    const std::int64_t base = a.offset;
    if (layout_ == Layout::string_view) {
      const auto* views = static_cast<const std::uint8_t*>(a.buffers[1]);
      const std::int64_t n_data = a.n_buffers - 3;  // the last buffer holds the data buffers' sizes
      const auto* sizes = static_cast<const std::int64_t*>(a.buffers[a.n_buffers - 1]);
      for (std::int64_t i = 0; i < a.length; ++i, ++row) {
        if (!is_valid(validity, base + i)) {
          r.first_null = row;
          return r;
        }
        // 16 bytes per view: int32 length, then 12 inline bytes, or a 4-byte
        // prefix, the int32 index of a data buffer and the int32 offset in it.
        const std::uint8_t* view = views + 16 * (base + i);
        std::int32_t len, index, offset;
        std::memcpy(&len, view, 4);
        if (len < 0) malformed(row, "negative length");
        if (len <= 12) {
          take(std::string_view(reinterpret_cast<const char*>(view + 4), static_cast<std::size_t>(len)));
          continue;
        }
        std::memcpy(&index, view + 8, 4);
        std::memcpy(&offset, view + 12, 4);
        if (index < 0 || index >= n_data || offset < 0 ||
            (sizes != nullptr && static_cast<std::int64_t>(offset) + len > sizes[index]))
          malformed(row, "view outside its data buffer");
        const char* data = static_cast<const char*>(a.buffers[2 + index]);
        take(std::string_view(data + offset, static_cast<std::size_t>(len)));
      }
      continue;
    }
    const char* data = static_cast<const char*>(a.buffers[2]);
    auto each = [&](const auto* offsets) {
      for (std::int64_t i = 0; i < a.length; ++i, ++row) {
        if (!is_valid(validity, base + i)) {
          r.first_null = row;
          return false;
        }
        const std::int64_t start = offsets[base + i], end = offsets[base + i + 1];
        if (start < 0 || end < start) malformed(row, "offsets decrease");
        // An array of empty texts may have no data buffer at all.
        take(end == start ? std::string_view()
                          : std::string_view(data + start, static_cast<std::size_t>(end - start)));
      }
      return true;
    };
    const bool all = layout_ == Layout::string ? each(static_cast<const std::int32_t*>(a.buffers[1]))
                                               : each(static_cast<const std::int64_t*>(a.buffers[1]));
    if (!all) return r;
  }
  return r;
}

}  // namespace textgauge
