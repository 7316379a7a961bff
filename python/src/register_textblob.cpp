// _core.sentiment.TextBlobAnalyzer: the TextBlob engine. Data conversion only;
// registered into the sentiment submodule by register_sentiment().
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "register.hpp"
#include "textgauge/sentiment/textblob.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

static_assert(sizeof(TextBlobScores) == 2 * sizeof(double),
              "scores are written straight into an (n, 2) array");

// (form, pos or None, polarity, subjectivity, intensity, label or None) per
// <word> of en-sentiment.xml, as the Python side reads them.
using EntryTuple =
    std::tuple<std::string, std::optional<std::string>, double, double, double, std::optional<std::string>>;

TextBlobAnalyzer make_textblob(const std::vector<EntryTuple>& rows, int unicode_major, int unicode_minor) {
  std::vector<TextBlobLexiconEntry> entries;
  entries.reserve(rows.size());
  for (const auto& [form, pos, p, s, i, label] : rows)
    entries.push_back(TextBlobLexiconEntry{form, pos, p, s, i, label.value_or("")});
  TextBlobOptions o;
  o.unicode_major = unicode_major;
  o.unicode_minor = unicode_minor;
  py::gil_scoped_release release;  // only C++ data from here; the Unicode tables take a moment once
  return TextBlobAnalyzer(entries, o);
}

// Engine strings back to str: a lone surrogate of the input comes back as itself.
py::str to_str(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<py::ssize_t>(s.size()), "surrogatepass");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::object label_or_none(const std::string& label) {
  return label.empty() ? py::object(py::none()) : py::object(py::str(label));
}

std::string_view one_view(const py::str& text, TextViews& tv) {
  py::list one;
  one.append(text);
  tv = text_views(one, Surrogates::pass);
  return tv.views[0];
}

py::tuple sentiment_shim(const TextBlobAnalyzer& a, const py::str& text) {
  TextViews tv;
  const TextBlobScores r = a.sentiment(one_view(text, tv));
  return py::make_tuple(r.polarity, r.subjectivity);
}

py::tuple assessments_shim(const TextBlobAnalyzer& a, const py::str& text) {
  TextViews tv;
  std::vector<TextBlobAssessment> items;
  const TextBlobScores r = a.assessments(one_view(text, tv), items);
  py::list out;
  for (const TextBlobAssessment& x : items) {
    py::list words;
    for (const std::string& w : x.words) words.append(to_str(w));
    out.append(py::make_tuple(words, x.polarity, x.subjectivity, label_or_none(x.label)));
  }
  return py::make_tuple(r.polarity, r.subjectivity, out);
}

// (n, 2) float64: polarity, subjectivity.
py::array_t<double> score_shim(const TextBlobAnalyzer& a, const py::object& texts, unsigned threads) {
  const TextViews tv = text_views(texts, Surrogates::pass);
  const auto n = static_cast<py::ssize_t>(tv.views.size());
  py::array_t<double> scores({n, py::ssize_t{2}});
  auto* out = reinterpret_cast<TextBlobScores*>(scores.mutable_data());
  {
    // The views point into str objects that `tv` holds; no Python object is
    // touched until the GIL is back.
    py::gil_scoped_release release;
    a.score_batch(tv.views, out, threads);
  }
  return scores;
}

py::object word_shim(const TextBlobAnalyzer& a, const std::string& word) {
  const std::optional<TextBlobWord> w = a.word(word);
  if (!w) return py::none();
  return py::make_tuple(w->polarity, w->subjectivity, w->intensity, w->adverb, label_or_none(w->label));
}

py::list tokens_shim(const TextBlobAnalyzer& a, const py::str& text) {
  TextViews tv;
  py::list out;
  for (const std::string& t : a.tokens(one_view(text, tv))) out.append(to_str(t));
  return out;
}

}  // namespace

void register_textblob(py::module_& m) {
  py::class_<TextBlobAnalyzer>(m, "TextBlobAnalyzer")
      .def(py::init(&make_textblob), py::arg("entries"), py::kw_only(), py::arg("unicode_major") = 14,
           py::arg("unicode_minor") = 0)
      .def("sentiment", &sentiment_shim, py::arg("text"))
      .def("assessments", &assessments_shim, py::arg("text"))
      .def("score", &score_shim, py::arg("texts"), py::kw_only(), py::arg("threads") = 0u)
      .def("word", &word_shim, py::arg("word"))
      .def("word_count", &TextBlobAnalyzer::word_count)
      .def("tokens", &tokens_shim, py::arg("text"));
  m.def("textblob_emoticons", &textblob_emoticons);
}
