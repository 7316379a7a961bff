// textgauge._core: one submodule per area, each filled by its register_<area>()
// (register_<area>.cpp), which only converts between Python objects and the
// C++ API of cpp/include/textgauge. _testing holds the hooks that tests and
// benchmarks use; the package uses the others.
#include "register.hpp"

namespace {

// A submodule that `import textgauge._core.text` and pickle (which imports a
// class's __module__) find as well as attribute access does.
py::module_ submodule(py::module_& m, const char* name, const char* doc) {
  py::module_ sub = m.def_submodule(name, doc);
  py::module_::import("sys").attr("modules")[sub.attr("__name__")] = sub;
  return sub;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "textgauge's C++ core, by area. Use the public API in `textgauge`, not this module.";
  m.attr("__version__") = textgauge::version;
  register_errors(m);
  py::module_ text = submodule(m, "text", "Corpus: segmentation, normalisation and interning.");
  register_text(text);
  py::module_ sentiment = submodule(m, "sentiment", "Lexicon and the VADER engine.");
  register_sentiment(sentiment);
  register_afinn(sentiment);
  py::module_ vectorize = submodule(m, "vectorize", "Term counting, weighting and hashing (sklearn parity).");
  register_vectorize(vectorize);
  py::module_ stats = submodule(m, "stats", "Collocations, lexical diversity, keyness and the like.");
  register_stats(stats);
  py::module_ testing = submodule(m, "_testing", "Hooks for tests and benchmarks; not used by the package.");
  register_testing(testing);
}
