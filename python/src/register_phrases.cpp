// _core.stats (continued): gensim's Phrases and multi-word expressions. Converts
// string tables and count columns; the counting and scoring live in cpp/.
#include "register.hpp"
#include "textgauge/stats/phrases.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

namespace {

using I64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

PhraseVocab vocab_from_parts(const py::bytes& data, const I64& offsets, const I64& counts,
                             std::int64_t words) {
  PhraseVocab v;
  v.keys.bytes = std::string(data);
  v.keys.offsets.assign(offsets.data(), offsets.data() + offsets.size());
  v.counts.assign(counts.data(), counts.data() + counts.size());
  v.words = words;
  const auto& o = v.keys.offsets;
  bool ok = !o.empty() && o.front() == 0 && o.back() == static_cast<std::int64_t>(v.keys.bytes.size()) &&
            v.counts.size() + 1 == o.size();
  for (std::size_t i = 1; ok && i < o.size(); ++i) ok = o[i - 1] <= o[i];
  if (!ok) throw Error("inconsistent phrase vocabulary (keys, offsets and counts do not agree)");
  return v;
}

PhraseVocab phrase_vocab_shim(const Corpus& corpus, const std::vector<std::string>& connector_words,
                              const std::string& delimiter, const std::vector<TokenKind>& kinds,
                              bool across_sentences) {
  StreamOptions so;
  so.kinds = 0;
  for (TokenKind k : kinds) so.kinds |= kind_bit(k);
  so.break_at_excluded = true;
  so.break_at_sentences = !across_sentences;
  // Only C++ objects from here: the corpus is not mutated while Python holds
  // a reference to it (the caller holds its read lock); the rest are copies.
  py::gil_scoped_release release;
  const Vocabulary& vocab = corpus.vocabulary();
  std::vector<std::uint8_t> connector(vocab.size(), 0);
  for (const auto& w : connector_words)
    if (auto id = vocab.find(w); id >= 0) connector[static_cast<std::size_t>(id)] = 1;
  return phrase_vocab(term_stream(corpus, so), vocab, connector, delimiter);
}

PhraseVocab merge_shim(const PhraseVocab& a, const PhraseVocab& b) {
  // Both are C++ objects that Python cannot change during the call (no method mutates them).
  py::gil_scoped_release release;
  return merge_phrase_vocab(a, b);
}

py::dict export_shim(const PhraseVocab& v, PhraseScoring scoring, double min_count, double threshold,
                     const std::string& delimiter) {
  PhraseOptions o;
  o.scoring = scoring;
  o.min_count = min_count;
  o.threshold = threshold;
  o.delimiter = delimiter;
  PhraseTable t;
  {
    py::gil_scoped_release release;  // v is never mutated once made; o is a copy
    t = export_phrases(v, o);
  }
  py::list phrase(t.key.size());
  std::vector<std::int64_t> count(t.key.size());
  std::string s;
  for (std::size_t i = 0; i < t.key.size(); ++i) {
    const auto k = static_cast<std::size_t>(t.key[i]);
    v.key(k, s);
    phrase[i] = py::str(s.data(), s.size());
    count[i] = v.counts[k];
  }
  py::dict d;
  d["phrase"] = phrase;
  d["count"] = to_numpy(std::move(count));
  d["score"] = to_numpy(std::move(t.score));
  return d;
}

py::tuple compound_shim(const Corpus& corpus, const std::vector<std::vector<std::string>>& expressions,
                        const std::string& delimiter) {
  std::vector<std::int64_t> matches;
  Corpus out;
  {
    // The expressions are C++ copies; the corpus is read only (its read lock is held).
    py::gil_scoped_release release;
    out = corpus.compound(expressions, delimiter, &matches);
  }
  return py::make_tuple(std::move(out), to_numpy(std::move(matches)));
}

}  // namespace

// Called by register_stats (its options() lists PhraseScoring).
void register_phrases(py::module_& m) {
  py::class_<PhraseVocab>(m, "PhraseVocab", "gensim's Phrases vocabulary: keys in dict order, counts.")
      .def(py::init(&vocab_from_parts), py::arg("data"), py::arg("offsets"), py::arg("counts"),
           py::arg("words"))
      .def("__len__", [](const PhraseVocab& v) { return v.size(); })
      .def_property_readonly("words", [](const PhraseVocab& v) { return v.words; })
      .def("data", [](const PhraseVocab& v) { return py::bytes(v.key_table().bytes); })
      .def("offsets", [](const PhraseVocab& v) { return to_numpy(v.key_table().offsets); })
      .def("counts", [](const PhraseVocab& v) { return to_numpy(std::vector<std::int64_t>(v.counts)); });
  m.def("phrase_vocab", &phrase_vocab_shim, py::arg("corpus"), py::kw_only(), py::arg("connector_words"),
        py::arg("delimiter"), py::arg("kinds"), py::arg("across_sentences"));
  m.def("merge_phrase_vocab", &merge_shim, py::arg("a"), py::arg("b"));
  m.def("export_phrases", &export_shim, py::arg("vocab"), py::kw_only(), py::arg("scoring"),
        py::arg("min_count"), py::arg("threshold"), py::arg("delimiter"));
  m.def("compound", &compound_shim, py::arg("corpus"), py::arg("expressions"), py::kw_only(),
        py::arg("delimiter"));
}
