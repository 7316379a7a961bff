// _core.stats (continued): YAKE keywords. Converts the sentences of tokens
// (made in Python by the package's own pre-processing) and the results; the
// term statistics and scoring live in cpp/src/stats/keywords/.
#include "register.hpp"
#include "textgauge/stats/yake.hpp"

using namespace textgauge;

namespace {

using Sentences = std::vector<std::vector<std::string>>;

py::list yake_shim(const std::vector<Sentences>& documents,
                   const std::unordered_map<std::string, std::pair<std::string, std::string>>& non_ascii,
                   const std::unordered_set<std::string>& stopwords, int n, int window) {
  std::unordered_map<std::string, YakeTokenInfo> info;
  for (const auto& [token, v] : non_ascii) {
    if (v.second.size() != 1 || std::string("duapN").find(v.second[0]) == std::string::npos)
      throw std::invalid_argument("yake: unknown token class '" + v.second + "'");
    info.emplace(token, YakeTokenInfo{v.first, v.second[0]});
  }
  for (const auto& doc : documents)
    for (const auto& s : doc)
      for (const auto& w : s) {
        bool ascii = std::all_of(w.begin(), w.end(), [](unsigned char c) { return c < 0x80; });
        if (!ascii && info.find(w) == info.end())
          throw std::invalid_argument("yake: no class for token '" + w + "'");
      }
  YakeOptions options;
  options.n = n;
  options.window = window;
  std::vector<YakeResult> results(documents.size());
  {
    // Only C++ objects from here on (copies of the Python inputs).
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < documents.size(); ++i)
      results[i] = yake_candidates(documents[i], info, stopwords, options);
  }
  py::list out;
  for (auto& r : results) {
    std::vector<double> scores = std::move(r.scores);
    out.append(
        py::make_tuple(py::cast(r.keywords), py::cast(r.unique), to_numpy(std::move(scores)), r.failed));
  }
  return out;
}

}  // namespace

void register_keywords(py::module_& m) {
  m.def("yake_candidates", &yake_shim, py::arg("documents"), py::kw_only(), py::arg("non_ascii"),
        py::arg("stopwords"), py::arg("n"), py::arg("window"));
}
