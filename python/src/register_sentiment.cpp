// _core.sentiment: Lexicon and SentimentAnalyzer. Data conversion only.
#include <cstring>

#include "register.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/sentiment/lexicon.hpp"
#include "textgauge/sentiment/sentiment.hpp"
#include "textgauge/text/corpus.hpp"
#include "texts.hpp"

using namespace textgauge;

namespace {

static_assert(sizeof(SentimentScores) == 4 * sizeof(double),
              "scores are written straight into an (n, 4) array");

SentimentAnalyzer make_analyzer(const Lexicon& lexicon, SentimentMode mode, int unicode_major,
                                int unicode_minor) {
  SentimentOptions o;
  o.mode = mode;
  o.unicode_major = unicode_major;
  o.unicode_minor = unicode_minor;
  py::gil_scoped_release release;  // building the Unicode tables takes a moment on first use
  return SentimentAnalyzer(lexicon, o);
}

py::tuple polarity_scores_shim(const SentimentAnalyzer& a, const py::str& text) {
  py::list one;
  one.append(text);
  const TextViews tv = text_views(one, Surrogates::pass);
  const SentimentScores r = a.polarity_scores(tv.views[0]);
  return py::make_tuple(r.neg, r.neu, r.pos, r.compound);
}

// (n, 4) float64 scores (neg, neu, pos, compound) and (n,) uint32 token counts.
py::tuple score_shim(const SentimentAnalyzer& a, const py::object& texts, unsigned threads, bool round) {
  const TextViews tv = text_views(texts, Surrogates::pass);
  const auto& views = tv.views;
  const auto n = static_cast<py::ssize_t>(views.size());
  py::array_t<double> scores({n, py::ssize_t{4}});
  py::array_t<std::uint32_t> tokens(n);
  auto* out = reinterpret_cast<SentimentScores*>(scores.mutable_data());
  std::uint32_t* tok = tokens.mutable_data();
  {
    // The views point into str/bytes objects held by `tv`; no Python object
    // is touched until the GIL is back.
    py::gil_scoped_release release;
    a.score_batch(views, out, round, threads, tok);
  }
  return py::make_tuple(scores, tokens);
}

py::tuple score_corpus_shim(const SentimentAnalyzer& a, const Corpus& corpus, Unit level, unsigned threads,
                            bool round) {
  std::vector<SentimentScores> scores;
  std::vector<std::uint32_t> tokens;
  {
    // Only C++ data (the corpus) is read from here on.
    py::gil_scoped_release release;
    scores = a.score_corpus(corpus, level, round, threads, &tokens);
  }
  const auto n = static_cast<py::ssize_t>(scores.size());
  py::array_t<double> out({n, py::ssize_t{4}});
  if (n) std::memcpy(out.mutable_data(), scores.data(), scores.size() * sizeof(SentimentScores));
  return py::make_tuple(out, to_numpy(std::move(tokens)));
}

py::dict explain_shim(const SentimentAnalyzer& a, const py::str& text) {
  py::list one;
  one.append(text);
  const TextViews tv = text_views(one, Surrogates::pass);
  Explanation ex = a.explain(tv.views[0]);
  py::list token, in_lexicon, lexicon_valence, valence, rules;
  for (const auto& t : ex.tokens) {
    PyObject* tok =
        PyUnicode_DecodeUTF8(t.token.data(), static_cast<py::ssize_t>(t.token.size()), "surrogatepass");
    if (!tok) throw py::error_already_set();
    token.append(py::reinterpret_steal<py::str>(tok));
    in_lexicon.append(t.in_lexicon);
    lexicon_valence.append(t.lexicon_valence);
    valence.append(t.valence);
    rules.append(t.rules);
  }
  py::dict d;
  d["token"] = token;
  d["in_lexicon"] = in_lexicon;
  d["lexicon_valence"] = lexicon_valence;
  d["valence"] = valence;
  d["rules"] = rules;
  d["punctuation_amplifier"] = ex.punctuation_amplifier;
  d["sum"] = ex.sum;
  d["scores"] = py::make_tuple(ex.scores.neg, ex.scores.neu, ex.scores.pos, ex.scores.compound);
  return d;
}

py::object word_shim(const Lexicon& lex, const std::string& word) {
  const double* v = lex.find_word(word);
  return v ? py::object(py::float_(*v)) : py::object(py::none());
}

py::object emoji_shim(const Lexicon& lex, const std::string& emoji) {
  const std::string* d = lex.find_emoji(emoji);
  return d ? py::object(py::str(*d)) : py::object(py::none());
}

void load_words_shim(Lexicon& lex, const std::string& text, const std::string& source) {
  py::gil_scoped_release release;  // parsing touches only C++ strings
  lex.load_words(text, source);
}

void load_emoji_shim(Lexicon& lex, const std::string& text, const std::string& source) {
  py::gil_scoped_release release;
  lex.load_emoji(text, source);
}

}  // namespace

void register_sentiment(py::module_& m) {
  py::class_<Lexicon>(m, "Lexicon")
      .def(py::init<>())
      .def("load_words", &load_words_shim, py::arg("text"), py::arg("source"))
      .def("load_emoji", &load_emoji_shim, py::arg("text"), py::arg("source"))
      .def("set_word", &Lexicon::set_word, py::arg("word"), py::arg("valence"))
      .def("set_emoji", &Lexicon::set_emoji, py::arg("emoji"), py::arg("description"))
      .def("erase_word", &Lexicon::erase_word, py::arg("word"))
      .def("erase_emoji", &Lexicon::erase_emoji, py::arg("emoji"))
      .def("word", &word_shim, py::arg("word"))
      .def("emoji_description", &emoji_shim, py::arg("emoji"))
      .def("words", &Lexicon::words)
      .def("emoji", &Lexicon::emoji)
      .def("word_count", &Lexicon::word_count)
      .def("emoji_count", &Lexicon::emoji_count);

  register_gauge(m);

  py::class_<SentimentAnalyzer>(m, "SentimentAnalyzer")
      .def(py::init(&make_analyzer), py::arg("lexicon"), py::kw_only(), py::arg("mode") = "vader",
           py::arg("unicode_major") = 14, py::arg("unicode_minor") = 0)
      .def("polarity_scores", &polarity_scores_shim, py::arg("text"))
      .def("score", &score_shim, py::arg("texts"), py::kw_only(), py::arg("threads") = 0u,
           py::arg("round") = true)
      .def("score_corpus", &score_corpus_shim, py::arg("corpus"), py::arg("level"), py::kw_only(),
           py::arg("threads") = 0u, py::arg("round") = true)
      .def("explain", &explain_shim, py::arg("text"));

  m.def("rule_names", [] {
    return std::vector<std::pair<std::uint32_t, std::string>>{{rule_booster, "booster"},
                                                              {rule_negation, "negation"},
                                                              {rule_caps, "caps"},
                                                              {rule_idiom, "idiom"},
                                                              {rule_but, "but"},
                                                              {rule_least, "least"},
                                                              {rule_punctuation, "punctuation"},
                                                              {rule_intensifier, "never_so_this"}};
  });
  def_options<SentimentMode>(m);
  register_textblob(m);
}
