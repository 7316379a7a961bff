// _core.stats (continued): gensim's Phrases and multi-word expressions. Converts
// string tables and count columns; the counting and scoring live in cpp/.
#include "register.hpp"
#include "textgauge/stats/phrases.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

namespace {

using I64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

py::dict vocab_dict(PhraseVocab&& v) {
  py::dict d;
  d["data"] = py::bytes(v.keys.bytes);
  d["offsets"] = to_numpy(std::move(v.keys.offsets));
  d["counts"] = to_numpy(std::move(v.counts));
  d["words"] = v.words;
  return d;
}

PhraseVocab vocab_of(const py::bytes& data, const I64& offsets, const I64& counts, std::int64_t words) {
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

py::dict phrase_vocab_shim(const Corpus& corpus, const std::vector<std::string>& connector_words,
                           const std::string& delimiter, const std::vector<TokenKind>& kinds,
                           bool across_sentences) {
  StreamOptions so;
  so.kinds = 0;
  for (TokenKind k : kinds) so.kinds |= kind_bit(k);
  so.break_at_excluded = true;
  so.break_at_sentences = !across_sentences;
  PhraseVocab v;
  {
    // Only C++ objects from here: the corpus is not mutated while Python holds
    // a reference to it (the caller holds its read lock); the rest are copies.
    py::gil_scoped_release release;
    const Vocabulary& vocab = corpus.vocabulary();
    std::vector<std::uint8_t> connector(vocab.size(), 0);
    for (const auto& w : connector_words)
      if (auto id = vocab.find(w); id >= 0) connector[static_cast<std::size_t>(id)] = 1;
    v = phrase_vocab(term_stream(corpus, so), vocab, connector, delimiter);
  }
  return vocab_dict(std::move(v));
}

py::dict merge_shim(const py::bytes& data_a, const I64& offsets_a, const I64& counts_a, std::int64_t words_a,
                    const py::bytes& data_b, const I64& offsets_b, const I64& counts_b, std::int64_t words_b) {
  const PhraseVocab a = vocab_of(data_a, offsets_a, counts_a, words_a);
  const PhraseVocab b = vocab_of(data_b, offsets_b, counts_b, words_b);
  PhraseVocab m;
  {
    py::gil_scoped_release release;  // a and b are C++ copies
    m = merge_phrase_vocab(a, b);
  }
  return vocab_dict(std::move(m));
}

py::dict export_shim(const py::bytes& data, const I64& offsets, const I64& counts, std::int64_t words,
                     PhraseScoring scoring, double min_count, double threshold, const std::string& delimiter) {
  const PhraseVocab v = vocab_of(data, offsets, counts, words);
  PhraseOptions o;
  o.scoring = scoring;
  o.min_count = min_count;
  o.threshold = threshold;
  o.delimiter = delimiter;
  PhraseTable t;
  {
    py::gil_scoped_release release;  // v and o are C++ copies
    t = export_phrases(v, o);
  }
  py::dict d;
  d["key"] = to_numpy(std::move(t.key));
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
  m.def("phrase_vocab", &phrase_vocab_shim, py::arg("corpus"), py::kw_only(), py::arg("connector_words"),
        py::arg("delimiter"), py::arg("kinds"), py::arg("across_sentences"));
  m.def("merge_phrase_vocab", &merge_shim, py::arg("data_a"), py::arg("offsets_a"), py::arg("counts_a"),
        py::arg("words_a"), py::arg("data_b"), py::arg("offsets_b"), py::arg("counts_b"), py::arg("words_b"));
  m.def("export_phrases", &export_shim, py::arg("data"), py::arg("offsets"), py::arg("counts"),
        py::arg("words"), py::kw_only(), py::arg("scoring"), py::arg("min_count"), py::arg("threshold"),
        py::arg("delimiter"));
  m.def("compound", &compound_shim, py::arg("corpus"), py::arg("expressions"), py::kw_only(),
        py::arg("delimiter"));
}
