#pragma once
// Texts read in place from Arrow string arrays, without linking libarrow.
//
// The Arrow C data interface (ArrowSchema, ArrowArray) and C stream interface
// (ArrowArrayStream) are a stable ABI documented by the Arrow project
// (https://arrow.apache.org/docs/format/CDataInterface.html and
// CStreamInterface.html). The structs are declared below under the guard
// macros that document prescribes, so this header coexists with Arrow's own.
//
// `ArrowTexts` takes ownership of a schema and the arrays of one column
// (string "u" with int32 offsets, large_string "U" with int64 offsets,
// string_view "vu" with inline and out-of-line views) and turns them into one
// `std::string_view` per row, pointing into the arrays' buffers: nothing is
// copied. The views stay valid as long as the ArrowTexts lives; it calls every
// release callback when destroyed. Nothing here touches Python.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);
  void (*release)(struct ArrowArrayStream*);
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

namespace textgauge {

// One column of texts held as Arrow arrays (chunks), read in place.
class ArrowTexts {
 public:
  // The ways an Arrow column stores strings that this reads.
  enum class Layout { string, large_string, string_view };

  // Moves `schema` in (the caller's struct is marked released). Throws Error
  // when its format is not "u", "U" or "vu" (the message names the format).
  explicit ArrowTexts(ArrowSchema* schema);
  // Drains `stream` (schema, then every array) and releases it. Throws Error
  // with the producer's message when the stream reports a failure.
  static ArrowTexts from_stream(ArrowArrayStream* stream);

  ArrowTexts(ArrowTexts&& other) noexcept;
  ArrowTexts& operator=(ArrowTexts&& other) noexcept;
  ArrowTexts(const ArrowTexts&) = delete;
  ArrowTexts& operator=(const ArrowTexts&) = delete;
  ~ArrowTexts();

  // Moves one array (a chunk, of the schema's type) in; its rows follow the
  // rows of the chunks added before.
  void add_chunk(ArrowArray* array);

  Layout layout() const noexcept { return layout_; }
  std::size_t size() const noexcept { return rows_; }

  // The texts, in row order: views into the arrays' buffers. Reading stops at
  // the first null row, whose index is then `first_null` (a null is a missing
  // text, not an empty one: callers report it as an error naming the row).
  // With `validate_utf8`, each text is checked as UTF-8 and DecodeError names
  // the row ("document N") and the byte offset within that text; `ascii[i]`
  // then says whether text i is pure ASCII (without it, `ascii` stays empty).
  // A malformed array (offsets that decrease, a view past its buffer) throws
  // Error naming the row.
  struct Read {
    std::vector<std::string_view> views;
    std::vector<std::uint8_t> ascii;
    std::size_t first_null = npos;
  };
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  Read read(bool validate_utf8) const;

 private:
  ArrowTexts() = default;
  void release_all() noexcept;

  ArrowSchema schema_{};
  std::vector<ArrowArray> chunks_;
  Layout layout_ = Layout::string;
  std::size_t rows_ = 0;
};

}  // namespace textgauge
