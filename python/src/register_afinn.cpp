// _core.sentiment.AfinnScorer: afinn 0.1's matcher. Data conversion only.
#include "register.hpp"
#include "textgauge/sentiment/afinn.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

std::vector<AfinnEntry> entries_from(const std::vector<std::pair<std::string, std::int64_t>>& items) {
  std::vector<AfinnEntry> out;
  out.reserve(items.size());
  for (const auto& [key, value] : items) out.push_back({key, value});
  return out;
}

AfinnScorer make_scorer(const std::vector<std::pair<std::string, std::int64_t>>& words,
                        const std::vector<std::pair<std::string, std::int64_t>>& emoticons,
                        bool word_boundary, int unicode_major, int unicode_minor) {
  AfinnOptions o;
  o.word_boundary = word_boundary;
  o.unicode_major = unicode_major;
  o.unicode_minor = unicode_minor;
  auto w = entries_from(words);
  auto e = entries_from(emoticons);
  py::gil_scoped_release
      release;  // only C++ strings from here; the Unicode tables take a moment on first use
  return AfinnScorer(std::move(w), std::move(e), o);
}

// (n,) float64 sums and (n,) uint32 match counts.
py::tuple score_shim(const AfinnScorer& s, const py::object& texts, unsigned threads) {
  const TextViews tv = text_views(texts, Surrogates::pass);
  const auto n = static_cast<py::ssize_t>(tv.views.size());
  py::array_t<double> scores(n);
  py::array_t<std::uint32_t> matches(n);
  double* out = scores.mutable_data();
  std::uint32_t* count = matches.mutable_data();
  {
    // The views point into str/bytes objects held by `tv`; no Python object
    // is touched until the GIL is back.
    py::gil_scoped_release release;
    s.score_batch(tv.views, out, threads, count);
  }
  return py::make_tuple(scores, matches);
}

// (n + 1,) uint64 offsets and the uint32 entry ids of every match.
py::tuple find_shim(const AfinnScorer& s, const py::object& texts, unsigned threads, bool clean_whitespace) {
  const TextViews tv = text_views(texts, Surrogates::pass);
  std::vector<std::uint64_t> offsets;
  std::vector<std::uint32_t> ids;
  {
    py::gil_scoped_release release;  // as in score_shim
    s.find_batch(tv.views, offsets, ids, threads, clean_whitespace);
  }
  return py::make_tuple(to_numpy(std::move(offsets)), to_numpy(std::move(ids)));
}

}  // namespace

void register_afinn(py::module_& m) {
  py::class_<AfinnScorer>(m, "AfinnScorer")
      .def(py::init(&make_scorer), py::arg("words"), py::arg("emoticons"), py::kw_only(),
           py::arg("word_boundary") = true, py::arg("unicode_major") = 14, py::arg("unicode_minor") = 0)
      .def("score", &score_shim, py::arg("texts"), py::kw_only(), py::arg("threads") = 0u)
      .def("find", &find_shim, py::arg("texts"), py::kw_only(), py::arg("threads") = 0u,
           py::arg("clean_whitespace") = true)
      .def("word_count", &AfinnScorer::word_count)
      .def("emoticon_count", &AfinnScorer::emoticon_count);
}
