#pragma once
// Python texts to UTF-8 for the core: one place for the conversion policy.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "register.hpp"
#include "textgauge/text/arrow.hpp"
#include "textgauge/text/vocabulary.hpp"

// Views into the UTF-8 of Python str objects. `keep` holds a reference to
// every str (and to the UTF-8 bytes made for non-ASCII ones) so the buffers
// outlive the GIL release. ASCII str are read in place; the others are
// encoded into temporary bytes rather than through PyUnicode_AsUTF8, which
// would cache a UTF-8 copy inside each caller's str for its whole lifetime.
// Or views into the buffers of an Arrow string column, which `arrow` owns.
struct TextViews {
  py::list keep;
  std::optional<textgauge::ArrowTexts> arrow;
  std::vector<std::string_view> views;
  std::vector<std::uint8_t> ascii;  // per text: pure ASCII (Python records it in every str)
};

// What to do with a str holding lone surrogates (which UTF-8 cannot encode):
// raise UnicodeEncodeError, or encode them as "surrogatepass" does (the
// sentiment engine reads those as code points that are uncased and not
// whitespace, exactly what Python's str methods make of a surrogate).
enum class Surrogates { raise, pass };

// Whether `texts` is an Arrow column: it exposes the Arrow PyCapsule
// interface (`__arrow_c_stream__` or `__arrow_c_array__`: a pyarrow Array or
// ChunkedArray, a polars Series, ...).
bool is_arrow(py::handle texts);

// `texts` is a sequence whose every item must be a str (TypeError otherwise),
// or an Arrow string column (is_arrow), read in place with the GIL released:
// its UTF-8 is checked (DecodeError naming the row, "document N", and the byte
// offset in that text), and a null row raises TypeError naming the row, as a
// None in a list does. No Python object is made per text.
TextViews text_views(py::handle texts, Surrogates surrogates = Surrogates::raise);

// Owned copies, for a Corpus that keeps its texts: str -> UTF-8, bytes -> the
// raw bytes, an Arrow column's texts copied from its buffers (validated later
// with the corpus's error policy).
std::vector<std::string> texts_from_python(py::handle texts);

// String tables (a vocabulary's compact form) to and from Python as
// (bytes, int64 offsets): no Python object per term.
textgauge::StringTable table_from(const py::bytes& bytes,
                                  const py::array_t<std::int64_t, py::array::c_style>& offsets);
py::tuple table_to_python(textgauge::StringTable&& t);
