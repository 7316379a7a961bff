// _core._testing: the hooks that tests and benchmarks call to check the engine
// against Python and the references (Unicode tables, rounding, the term
// extractor, exact distributions) and the bench baselines. The package uses none.
#include "register.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/sentiment/sentiment.hpp"
#include "textgauge/stats/hypergeom.hpp"
#include "textgauge/text/terms.hpp"
#include "textgauge/text/text.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

std::size_t raw_icu_word_loop_shim(const py::sequence& texts) {
  const TextViews tv = text_views(texts);
  py::gil_scoped_release release;  // the views stay valid: tv holds the objects
  return raw_word_boundaries(tv.views);
}

// Term ids of every token of every text, one vocabulary for the batch:
// (ids, per-text offsets into ids, (term bytes, term offsets)).
py::tuple extract_terms_shim(const py::sequence& texts, bool ascii_fast_path, bool casefold) {
  const TextViews tv = text_views(texts);  // well-formed UTF-8, read in place
  std::vector<Vocabulary::id_type> ids;
  std::vector<std::int64_t> offsets{0};
  Vocabulary vocab;
  {
    py::gil_scoped_release release;  // only C++ objects from here on
    SegmentOptions so;
    so.ascii_fast_path = ascii_fast_path;
    so.sentences = false;
    NormalizeOptions no;
    no.casefold = casefold;
    TermExtractor extractor(so, no);
    extractor.extract_all(tv.views, tv.ascii, vocab, ids, offsets);
  }
  StringTable terms = vocab.table();
  return py::make_tuple(to_numpy(std::move(ids)), to_numpy(std::move(offsets)),
                        table_to_python(std::move(terms)));
}

py::array_t<std::uint8_t> isupper_table_shim(const std::string& prefix, int major, int minor) {
  auto t = python_isupper_table(prefix, major, minor);
  std::vector<std::uint8_t> v(t.begin(), t.end());
  return to_numpy(std::move(v));
}

std::vector<std::pair<std::uint32_t, std::string>> lower_table_shim(int major, int minor) {
  std::vector<std::pair<std::uint32_t, std::string>> out;
  for (auto& [c, s] : python_lower_table(major, minor)) out.emplace_back(static_cast<std::uint32_t>(c), s);
  return out;
}

py::tuple python_unicode_shim(int major, int minor, std::uint32_t c) {
  const PyStr& u = PyStr::get(major, minor);
  return py::make_tuple(u.is_word(c), u.is_space(c));
}

}  // namespace

void register_testing(py::module_& m) {
  // text
  m.def("raw_icu_word_loop", &raw_icu_word_loop_shim, py::arg("texts"),
        "Benchmark baseline: a bare ICU word BreakIterator loop; returns the boundary count.");
  m.def("extract_terms", &extract_terms_shim, py::arg("texts"), py::kw_only(),
        py::arg("ascii_fast_path") = true, py::arg("casefold") = true);
  // sentiment: Python's str methods and round() as the engine computes them
  m.def("python_isupper_table", &isupper_table_shim, py::arg("prefix"), py::arg("unicode_major"),
        py::arg("unicode_minor"));
  m.def("python_lower_table", &lower_table_shim, py::arg("unicode_major"), py::arg("unicode_minor"));
  m.def("python_lower", &python_lower, py::arg("text"), py::arg("unicode_major"), py::arg("unicode_minor"));
  m.def("python_round", &python_round, py::arg("x"), py::arg("digits"),
        "Python's round(x, digits) as the engine computes it.");
  // vectorize: the \w and whitespace classes of the analyzers
  m.def("python_unicode", &python_unicode_shim, py::arg("major"), py::arg("minor"), py::arg("code_point"));
  // stats: exact distributions
  m.def("hypergeom_cdf", &hypergeom_cdf, py::arg("k"), py::arg("total"), py::arg("successes"),
        py::arg("draws"));
  m.def("fisher_two_sided", &fisher_two_sided, py::arg("a"), py::arg("b"), py::arg("c"), py::arg("d"));
}
