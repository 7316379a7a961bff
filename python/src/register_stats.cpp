// _core.stats: collocations, lexical diversity, readability, keyness, similarity,
// co-occurrence. Converts result tables only; the statistics live in cpp/.
#include <unordered_set>

#include "register.hpp"
#include "textgauge/stats/collocations.hpp"
#include "textgauge/stats/dictionary.hpp"
#include "textgauge/stats/keyness.hpp"
#include "textgauge/stats/lexdiv.hpp"
#include "textgauge/stats/phrases.hpp"
#include "textgauge/stats/readability.hpp"
#include "textgauge/stats/similarity.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/stats/yake.hpp"
#include "textgauge/text/corpus.hpp"

using namespace textgauge;

namespace {

std::uint8_t kinds_mask(const std::vector<TokenKind>& kinds) {
  std::uint8_t mask = 0;
  for (TokenKind k : kinds) mask |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(k));
  return mask;
}

py::dict collocations_shim(const Corpus& corpus, int size, int window, std::int64_t min_count,
                           const std::vector<AssocMeasure>& measures, const std::vector<TokenKind>& kinds,
                           bool across_sentences, bool break_at_excluded, double smoothing,
                           unsigned threads) {
  CollocationOptions o;
  o.size = size;
  o.window = window;
  o.min_count = min_count;
  o.smoothing = smoothing;
  o.threads = threads;
  o.measures = measures;
  StreamOptions so;
  so.kinds = kinds_mask(kinds);
  so.break_at_sentences = !across_sentences;
  so.break_at_excluded = break_at_excluded;
  CollocationTable t;
  std::string text;
  std::vector<std::int64_t> offsets;
  {
    // Only C++ objects from here: the corpus is not mutated while Python
    // holds a reference to it, and the options are copies.
    py::gil_scoped_release release;
    const TermStream stream = term_stream(corpus, so);
    t = collocations(stream, corpus.vocabulary(), o);
    collocation_text(t, corpus.vocabulary(), text, offsets, threads);
  }
  py::dict d;
  d["collocation_data"] = py::bytes(text);
  d["collocation_offsets"] = to_numpy(std::move(offsets));
  d["count"] = to_numpy(std::move(t.count));
  for (std::size_t k = 0; k < measures.size(); ++k)
    d[py::str(option_name(measures[k]))] = to_numpy(std::move(t.scores[k]));
  d["n_tokens"] = t.n_tokens;
  return d;
}

py::list bigram_scores_shim(const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& count,
                            const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& n_ix,
                            const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& n_xi,
                            std::int64_t n_tokens, int window, const std::vector<AssocMeasure>& measures) {
  std::vector<std::int64_t> c(count.data(), count.data() + count.size());
  std::vector<std::int64_t> a(n_ix.data(), n_ix.data() + n_ix.size());
  std::vector<std::int64_t> b(n_xi.data(), n_xi.data() + n_xi.size());
  std::vector<std::vector<double>> scores;
  {
    py::gil_scoped_release release;  // only the C++ copies above are read
    scores = bigram_scores(c, a, b, n_tokens, window, measures);
  }
  py::list out;
  for (auto& col : scores) out.append(to_numpy(std::move(col)));
  return out;
}

py::dict units_dict(UnitTerms& u) {
  py::dict d;
  d["document"] = to_numpy(std::move(u.document));
  d["paragraph"] = to_numpy(std::move(u.paragraph));
  return d;
}

py::dict lexdiv_shim(const Corpus& corpus, Unit level, const std::vector<TokenKind>& kinds,
                     const std::vector<LexdivMeasure>& measures, double log_base, std::int64_t mattr_window,
                     std::int64_t msttr_segment, double mtld_threshold, std::int64_t hdd_draws,
                     unsigned threads) {
  LexdivOptions o;
  o.measures = measures;
  o.log_base = log_base;
  o.mattr_window = mattr_window;
  o.msttr_segment = msttr_segment;
  o.mtld_threshold = mtld_threshold;
  o.hdd_draws = hdd_draws;
  o.threads = threads;
  const std::uint8_t mask = kinds_mask(kinds);
  UnitTerms u;
  LexdivTable t;
  {
    py::gil_scoped_release release;  // only C++ objects below; the corpus is not mutated meanwhile
    u = unit_terms(corpus, level, mask);
    t = lexical_diversity(u, corpus.vocabulary().size(), o);
  }
  py::dict d = units_dict(u);
  d["tokens"] = to_numpy(std::move(t.tokens));
  d["types"] = to_numpy(std::move(t.types));
  for (std::size_t k = 0; k < measures.size(); ++k)
    d[py::str(option_name(measures[k]))] = to_numpy(std::move(t.values[k]));
  return d;
}

py::dict readability_shim(const Corpus& corpus, Unit level, const std::vector<TokenKind>& kinds,
                          std::vector<std::int32_t> syllables, std::vector<std::int32_t> letters,
                          std::vector<std::uint8_t> easy) {
  TermProperties props{std::move(syllables), std::move(letters), std::move(easy)};
  const std::uint8_t mask = kinds_mask(kinds);
  ReadabilityCounts r;
  {
    py::gil_scoped_release release;  // the term properties are C++ copies; the corpus is not mutated
    r = readability_counts(corpus, level, mask, props);
  }
  py::dict d;
  d["document"] = to_numpy(std::move(r.document));
  d["paragraph"] = to_numpy(std::move(r.paragraph));
  d["words"] = to_numpy(std::move(r.words));
  d["sentences"] = to_numpy(std::move(r.sentences));
  d["syllables"] = to_numpy(std::move(r.syllables));
  d["letters"] = to_numpy(std::move(r.letters));
  d["monosyllables"] = to_numpy(std::move(r.monosyllables));
  d["polysyllables"] = to_numpy(std::move(r.polysyllables));
  d["difficult"] = to_numpy(std::move(r.difficult));
  d["long_words"] = to_numpy(std::move(r.long_words));
  return d;
}

py::dict grouped_counts_shim(const Corpus& corpus, const std::vector<TokenKind>& kinds,
                             std::vector<std::int32_t> doc_group, std::int32_t groups) {
  const std::uint8_t mask = kinds_mask(kinds);
  GroupedCounts g;
  {
    py::gil_scoped_release release;  // only C++ data below; the corpus is not mutated meanwhile
    g = grouped_term_counts(corpus, mask, doc_group, groups);
  }
  py::dict d;
  d["group"] = to_numpy(std::move(g.group));
  d["term"] = to_numpy(std::move(g.term));
  d["frequency"] = to_numpy(std::move(g.frequency));
  d["docfreq"] = to_numpy(std::move(g.docfreq));
  d["group_tokens"] = to_numpy(std::move(g.group_tokens));
  return d;
}

py::dict keyness_shim(std::vector<double> a, std::vector<double> b, double T, double R,
                      KeynessMeasure measure, KeynessCorrection correction) {
  KeynessResult r;
  {
    py::gil_scoped_release release;  // the counts are C++ copies
    r = keyness(a, b, T, R, measure, correction);
  }
  py::dict d;
  d["statistic"] = to_numpy(std::move(r.statistic));
  d["p"] = to_numpy(std::move(r.p));
  d["log_ratio"] = to_numpy(std::move(r.log_ratio));
  return d;
}

py::array_t<double> pairwise_shim(
    py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> indptr,
    py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> indices,
    py::array_t<double, py::array::c_style | py::array::forcecast> data, std::int64_t rows, std::int64_t cols,
    PairwiseMethod method, unsigned threads) {
  if (indptr.size() != rows + 1 || indices.size() != data.size())
    throw py::value_error("inconsistent CSR buffers");
  CsrView x{rows, cols, indptr.data(), indices.data(), data.data()};
  std::vector<double> out;
  {
    py::gil_scoped_release release;  // the arrays stay referenced by this frame and are read only
    out = pairwise(x, method, threads);
  }
  py::array_t<double> a = to_numpy(std::move(out));
  return a.reshape({rows, rows});
}

py::dict window_cooccurrence_shim(const Corpus& corpus, const std::vector<TokenKind>& kinds, int window,
                                  CooccurrenceCount count) {
  const std::uint8_t mask = kinds_mask(kinds);
  CooccurrencePairs pairs;
  {
    py::gil_scoped_release release;  // only C++ data below; the corpus is not mutated meanwhile
    const UnitTerms units = unit_terms(corpus, Unit::document, mask);
    pairs = window_cooccurrence(units, corpus.vocabulary().size(), window, count);
  }
  py::dict d;
  d["first"] = to_numpy(std::move(pairs.first));
  d["second"] = to_numpy(std::move(pairs.second));
  d["value"] = to_numpy(std::move(pairs.value));
  return d;
}

py::dict dictionary_lookup_shim(
    const Corpus& corpus, std::vector<PatternKind> pattern_kind, std::vector<std::string> pattern_text,
    std::vector<std::int64_t> pattern_terms_begin, std::vector<std::int32_t> pattern_terms,
    std::vector<std::int32_t> entry_category, std::vector<std::int64_t> entry_begin,
    std::vector<std::int32_t> entry_words, std::int32_t categories, std::vector<std::int32_t> negators,
    std::vector<std::int32_t> negated, Unit level, const std::vector<TokenKind>& kinds,
    NestedScope nested_scope, int window, bool keep_unmatched) {
  DictionarySpec spec{std::move(pattern_kind),
                      std::move(pattern_text),
                      std::move(pattern_terms_begin),
                      std::move(pattern_terms),
                      std::move(entry_category),
                      std::move(entry_begin),
                      std::move(entry_words),
                      categories,
                      std::move(negators),
                      std::move(negated)};
  LookupOptions o;
  o.unit = level;
  o.kinds = kinds_mask(kinds);
  o.scope = nested_scope;
  o.window = window;
  o.keep_unmatched = keep_unmatched;
  LookupResult r;
  {
    py::gil_scoped_release
        release;  // the spec and options are C++ copies; the corpus is not mutated meanwhile
    r = dictionary_lookup(corpus, spec, o);
  }
  py::dict d;
  d["counts"] = to_numpy(std::move(r.counts))  // one row per category
                    .reshape({static_cast<py::ssize_t>(r.categories), static_cast<py::ssize_t>(r.units)});
  d["tokens"] = to_numpy(std::move(r.tokens));
  d["unmatched"] = to_numpy(std::move(r.unmatched));
  d["unmatched_unit"] = to_numpy(std::move(r.unmatched_unit));
  d["unmatched_term"] = to_numpy(std::move(r.unmatched_term));
  return d;
}

}  // namespace

py::tuple term_properties_shim(const Corpus& corpus, const Hyphenation& hyphenation,
                               const std::vector<std::string>& easy_words, int unicode_major,
                               int unicode_minor, unsigned threads) {
  const std::unordered_set<std::string> easy(easy_words.begin(), easy_words.end());
  const PyStr& py = PyStr::get(unicode_major, unicode_minor);
  TermProperties p;
  {
    py::gil_scoped_release release;  // reads the corpus's vocabulary and C++ copies only
    p = term_properties(corpus.vocabulary(), hyphenation, easy, py, threads);
  }
  return py::make_tuple(to_numpy(std::move(p.syllables)), to_numpy(std::move(p.letters)),
                        to_numpy(std::move(p.easy)));
}

std::vector<std::int32_t> syllable_counts_shim(const std::vector<std::string>& words,
                                               const Hyphenation& hyphenation, int unicode_major,
                                               int unicode_minor) {
  const PyStr& py = PyStr::get(unicode_major, unicode_minor);
  std::vector<std::int32_t> out;
  out.reserve(words.size());
  for (const auto& w : words) out.push_back(syllable_count(w, hyphenation, py));
  return out;
}

void register_stats(py::module_& m) {
  m.def("collocations", &collocations_shim, py::arg("corpus"), py::kw_only(), py::arg("size"),
        py::arg("window"), py::arg("min_count"), py::arg("measures"), py::arg("kinds"),
        py::arg("across_sentences"), py::arg("break_at_excluded"), py::arg("smoothing"),
        py::arg("threads") = 0u);
  m.def("bigram_scores", &bigram_scores_shim, py::arg("count"), py::arg("n_ix"), py::arg("n_xi"),
        py::kw_only(), py::arg("n_tokens"), py::arg("window"), py::arg("measures"));
  m.def("lexical_diversity", &lexdiv_shim, py::arg("corpus"), py::kw_only(), py::arg("level"),
        py::arg("kinds"), py::arg("measures"), py::arg("log_base"), py::arg("mattr_window"),
        py::arg("msttr_segment"), py::arg("mtld_threshold"), py::arg("hdd_draws"), py::arg("threads") = 0u);
  m.def("readability_counts", &readability_shim, py::arg("corpus"), py::kw_only(), py::arg("level"),
        py::arg("kinds"), py::arg("syllables"), py::arg("letters"), py::arg("easy"));
  m.def("readability_term_properties", &term_properties_shim, py::arg("corpus"), py::kw_only(),
        py::arg("hyphenation"), py::arg("easy_words"), py::arg("unicode_major"), py::arg("unicode_minor"),
        py::arg("threads") = 0u);
  m.def("syllable_counts", &syllable_counts_shim, py::arg("words"), py::kw_only(), py::arg("hyphenation"),
        py::arg("unicode_major"), py::arg("unicode_minor"));
  m.def("grouped_term_counts", &grouped_counts_shim, py::arg("corpus"), py::kw_only(), py::arg("kinds"),
        py::arg("doc_group"), py::arg("groups"));
  m.def("keyness", &keyness_shim, py::arg("a"), py::arg("b"), py::arg("T"), py::arg("R"), py::kw_only(),
        py::arg("measure"), py::arg("correction"));
  m.def("pairwise", &pairwise_shim, py::arg("indptr"), py::arg("indices"), py::arg("data"), py::arg("rows"),
        py::arg("cols"), py::kw_only(), py::arg("method"), py::arg("threads") = 0u);
  m.def("window_cooccurrence", &window_cooccurrence_shim, py::arg("corpus"), py::kw_only(), py::arg("kinds"),
        py::arg("window"), py::arg("count"));
  register_phrases(m);
  register_keywords(m);
  m.def("dictionary_lookup", &dictionary_lookup_shim, py::arg("corpus"), py::kw_only(),
        py::arg("pattern_kind"), py::arg("pattern_text"), py::arg("pattern_terms_begin"),
        py::arg("pattern_terms"), py::arg("entry_category"), py::arg("entry_begin"), py::arg("entry_words"),
        py::arg("categories"), py::arg("negators"), py::arg("negated"), py::arg("level"), py::arg("kinds"),
        py::arg("nested_scope"), py::arg("window"), py::arg("keep_unmatched"));
  def_options<AssocMeasure, LexdivMeasure, KeynessMeasure, KeynessCorrection, CooccurrenceCount,
              PairwiseMethod, PhraseScoring, PatternKind, NestedScope, YakeDedup>(m);
}
