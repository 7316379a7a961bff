#pragma once
// Phrase detection as gensim's `Phrases` (gensim 4.4, models/phrases.py) does
// it, over interned term ids.
//
// gensim learns a vocabulary of strings from sentences of tokens: in each
// sentence, every token that is not a connector word counts once as itself,
// and once more inside the "phrase" that joins it to the previous
// non-connector token of the sentence with the connector words between
// (`delimiter.join([a, *connectors, b])`); every token, connector or not,
// counts in `corpus_word_count`. Unigrams and phrases share one dict keyed by
// the joined string, so a phrase "new_york" and a token spelled "new_york"
// add up, and `len_vocab` (the default score's factor) counts both kinds of
// key. `export_phrases` then splits every key on the delimiter and scores each
// key of two parts or more:
//   default: (count(ab) - min_count) / (count(a) * count(b)) * len_vocab
//   npmi:    log(pab / (pa * pb)) / -log(pab), p = count / corpus_word_count,
//            -inf under min_count or where -log(pab) is 0
// and keeps those scoring above `threshold`.
//
// Here the counting runs on term ids (a phrase key is its id sequence,
// interned) and the string keys are made once per distinct key at the end,
// in gensim's dict order (first occurrence, a unigram before the phrase it
// ends), merging colliding strings as gensim's dict does. gensim's pruning
// above `max_vocab_size` (40 million keys by default) is not reproduced: the
// counts here are exact.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/options.hpp"
#include "textgauge/stats/termstats.hpp"
#include "textgauge/text/vocabulary.hpp"

namespace textgauge {

// gensim's learned vocabulary: keys in dict order, their counts, and the
// number of tokens seen (connector words included). The keys are strings
// (`keys`), or, as phrase_vocab leaves them where no word holds the
// delimiter, term ids: key i is terms[ids[id_begin[i] .. id_begin[i+1])]
// joined by `delimiter` (id_begin starts with 0). key() and key_table() give
// the strings either way.
struct PhraseVocab {
  StringTable keys;
  std::vector<std::int64_t> counts;
  std::int64_t words = 0;
  StringTable terms;
  std::vector<Vocabulary::id_type> ids;
  std::vector<std::int64_t> id_begin{0};
  std::string delimiter;
  std::size_t size() const noexcept;
  bool as_ids() const noexcept;
  void key(std::size_t i, std::string& out) const;  // key i, into `out`
  StringTable key_table() const;                    // every key
};

// Counts a stream's segments (gensim's sentences). `connector[id]` != 0 marks
// the term ids that are connector words (ids past its end are not);
// `delimiter` joins phrase keys. `max_run_bits` is for tests: fewer bits for
// the runs of connector words packed in a phrase's key make more phrases take
// the slower path of interned keys (same result).
PhraseVocab phrase_vocab(const TermStream& stream, const Vocabulary& vocabulary,
                         const std::vector<std::uint8_t>& connector, std::string_view delimiter,
                         unsigned max_run_bits = 64);

// gensim's `add_vocab` of a second vocabulary: counts summed per key, the
// keys of `a` first, then those new in `b` in their order.
PhraseVocab merge_phrase_vocab(const PhraseVocab& a, const PhraseVocab& b);

enum class PhraseScoring { original, npmi };
template <>
struct OptionTable<PhraseScoring> {
  static constexpr std::string_view label = "phrase scoring";
  static constexpr std::array<OptionName<PhraseScoring>, 2> entries{{
      {PhraseScoring::original, "default"},
      {PhraseScoring::npmi, "npmi"},
  }};
};

struct PhraseOptions {
  PhraseScoring scoring = PhraseScoring::original;
  double min_count = 5;
  double threshold = 10.0;
  std::string delimiter = "_";
};

// gensim's score of one candidate: the counts of its first and last part and
// of the whole key. Returns -inf where gensim's scorer does.
double phrase_score(PhraseScoring scoring, std::int64_t count_a, std::int64_t count_b, std::int64_t count_ab,
                    std::int64_t len_vocab, double min_count, std::int64_t words);

// export_phrases(): the index (into vocab.keys) and score of every key that
// is a phrase, in dict order. Throws textgauge::Error for options gensim
// refuses (min_count <= 0, threshold <= 0 with default scoring, outside
// [-1, 1] with npmi, an empty delimiter).
struct PhraseTable {
  std::vector<std::int64_t> key;
  std::vector<double> score;
};
PhraseTable export_phrases(const PhraseVocab& vocab, const PhraseOptions& options);

}  // namespace textgauge
