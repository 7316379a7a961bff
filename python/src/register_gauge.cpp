// _core.sentiment.GaugeScorer: textgauge's own scorer. Data conversion only.
#include <Python.h>

#include <cstring>
#include <memory>

#include "register.hpp"
#include "textgauge/sentiment/gauge.hpp"
#include "textgauge/sentiment/lexicon.hpp"
#include "textgauge/text/utf8.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

static_assert(sizeof(GaugeScore) == 4 * sizeof(double), "scores are written straight into an (n, 4) array");

std::unique_ptr<GaugeScorer> make_gauge(const Lexicon& vader, const std::vector<std::string>& tb_words,
                                        const std::vector<double>& tb_polarity,
                                        const std::vector<double>& tb_subjectivity,
                                        const std::vector<std::string>& afinn_words,
                                        const std::vector<double>& afinn_values,
                                        const std::vector<double>& params, int unicode_major,
                                        int unicode_minor) {
  if (tb_words.size() != tb_polarity.size() || tb_words.size() != tb_subjectivity.size() ||
      afinn_words.size() != afinn_values.size())
    throw py::value_error("GaugeScorer: word and value lists differ in length");
  GaugeTables t;
  t.vader = vader;
  for (std::size_t i = 0; i < tb_words.size(); ++i)
    t.textblob.push_back({tb_words[i], {tb_polarity[i], tb_subjectivity[i]}});
  for (std::size_t i = 0; i < afinn_words.size(); ++i) t.afinn.emplace_back(afinn_words[i], afinn_values[i]);
  py::gil_scoped_release release;  // only C++ data from here; the Unicode tables take a moment on first use
  return std::make_unique<GaugeScorer>(t, params, unicode_major, unicode_minor);
}

// (n, 4) float64: polarity, vader_sum, textblob_sum, afinn_sum.
py::array_t<double> score_shim(const GaugeScorer& g, const py::object& texts, unsigned threads) {
  const TextViews tv = text_views(texts, Surrogates::pass);
  const auto n = static_cast<py::ssize_t>(tv.views.size());
  py::array_t<double> out({n, py::ssize_t{4}});
  auto* dst = reinterpret_cast<GaugeScore*>(out.mutable_data());
  {
    // The views point into objects held by `tv`; no Python object is touched
    // until the GIL is back.
    py::gil_scoped_release release;
    g.score_batch(tv.views, dst, threads);
  }
  return out;
}

// (rows (m, 15) float64, amplifier, token count, tokens).
py::tuple rows_shim(const GaugeScorer& g, const py::str& text) {
  py::list one;
  one.append(text);
  const TextViews tv = text_views(one, Surrogates::pass);
  const GaugeRows r = g.rows(tv.views[0]);
  const auto m = static_cast<py::ssize_t>(r.rows.size());
  py::array_t<double> rows({m, static_cast<py::ssize_t>(kGaugeRowColumns)});
  if (m) std::memcpy(rows.mutable_data(), r.rows.data(), r.rows.size() * sizeof(GaugeRow));
  py::list toks;
  for (const auto& [b, e] : r.spans) {
    PyObject* s = PyUnicode_DecodeUTF8(r.text.data() + b, static_cast<Py_ssize_t>(e - b), "surrogatepass");
    if (!s) throw py::error_already_set();
    toks.append(py::reinterpret_steal<py::str>(s));
  }
  return py::make_tuple(rows, r.amp, r.tokens, toks);
}

// [(start, end)] of each paragraph score() averages, in code points of `text`.
py::list paragraphs_shim(const GaugeScorer& g, const py::str& text) {
  py::list one;
  one.append(text);
  const TextViews tv = text_views(one, Surrogates::pass);
  const std::string_view t = tv.views[0];
  py::list out;
  std::size_t at = 0, cp = 0;
  for (const auto& [b, e] : g.paragraphs(t)) {
    cp += count_code_points(t.substr(at, b - at));
    const std::size_t cp_end = cp + count_code_points(t.substr(b, e - b));
    out.append(py::make_tuple(cp, cp_end));
    at = e;
    cp = cp_end;
  }
  return out;
}
}  // namespace

void register_gauge(py::module_& m) {
  py::class_<GaugeScorer>(m, "GaugeScorer")
      .def(py::init(&make_gauge), py::arg("vader"), py::arg("tb_words"), py::arg("tb_polarity"),
           py::arg("tb_subjectivity"), py::arg("afinn_words"), py::arg("afinn_values"), py::arg("params"),
           py::kw_only(), py::arg("unicode_major") = 14, py::arg("unicode_minor") = 0)
      .def("score", &score_shim, py::arg("texts"), py::kw_only(), py::arg("threads") = 0u)
      .def("rows", &rows_shim, py::arg("text"))
      .def("paragraphs", &paragraphs_shim, py::arg("text"));
}
