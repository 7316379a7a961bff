// _core.stats (continued): YAKE keywords. Converts the documents and the
// results; sentence splitting, tokenizing, tagging, scoring and de-duplication
// live in cpp/src/stats/keywords/ and cpp/src/text/segtok_*.cpp.
#include "register.hpp"
#include "textgauge/stats/yake.hpp"

using namespace textgauge;

namespace {

py::list yake_shim(const std::vector<std::string>& documents, const EntityTable& entities,
                   const std::unordered_set<std::string>& stopwords, int n, int window, double dedup_lim,
                   YakeDedup dedup, int top, std::pair<int, int> unicode) {
  YakeExtractOptions options;
  options.candidates.n = n;
  options.candidates.window = window;
  options.dedup_lim = dedup_lim;
  options.dedup = dedup;
  options.top = top;
  options.unicode_major = unicode.first;
  options.unicode_minor = unicode.second;
  std::vector<YakeKeywords> results(documents.size());
  {
    // Only C++ objects from here on (copies of the Python inputs; the entity
    // table is read only).
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < documents.size(); ++i)
      results[i] = yake_keywords(documents[i], entities, stopwords, options);
  }
  py::list out(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const YakeKeywords& r = results[i];
    py::list pairs(r.keywords.size());
    for (std::size_t k = 0; k < r.keywords.size(); ++k)
      pairs[k] = py::make_tuple(py::str(r.keywords[k]), py::float_(r.scores[k]));
    out[i] = std::move(pairs);
  }
  return out;
}

}  // namespace

void register_keywords(py::module_& m) {
  m.def("yake_keywords", &yake_shim, py::arg("documents"), py::kw_only(), py::arg("entities"),
        py::arg("stopwords"), py::arg("n"), py::arg("window"), py::arg("dedup_lim"), py::arg("dedup"),
        py::arg("top"), py::arg("unicode"));
}
