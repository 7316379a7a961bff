#pragma once
// The TextBlob (pattern) sentiment engine, piece by piece. Each piece mirrors
// a part of textblob 0.20.1's textblob/_text.py; the comments name the
// reference function and the quirk the port must keep. The pieces:
//
//   word table  word_table.cpp  Sentiment.load: senses averaged per part of
//                               speech, then over parts of speech; the derived
//                               adverbs of textblob.en's Sentiment.load
//   tokenizer   tokenize.cpp    find_tokens: contractions, quotes, line
//                               breaks, punctuation, abbreviations, sentences
//   emoticons   emoticons.cpp   RE_SARCASM and RE_EMOTICONS on each sentence,
//                               and the EMOTICONS lookup of assessments()
//   rules       assess.cpp      Sentiment.assessments and the averages of
//                               Sentiment.__call__
//   the API     analyzer.cpp    TextBlobAnalyzer: one text, batches
//
// Scratch carries one text through them; its buffers are reused across the
// texts of a batch.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "textgauge/hash.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/sentiment/textblob.hpp"

namespace textgauge::textblob {

// The labels an assessment can carry; 0 is None.
enum Label : std::uint8_t { kNoLabel = 0, kMood = 1, kIrony = 2, kFirstLexiconLabel = 3 };

struct Entry {
  double polarity, subjectivity, intensity;
  bool adverb;         // has an RB entry: it modifies the next known word
  std::uint8_t label;  // index into WordTable::labels
};

// The lexicon as pattern holds it after Sentiment.load, keyed by the form
// (pattern never lowercases its keys; only lowercase ones can be reached):
// open addressing over one buffer of keys, as every word of a text is looked
// up once.
class WordTable {
 public:
  std::vector<std::string> labels;  // [0] "", [1] "mood", [2] "irony", then the lexicon's

  // Replaces the contents with `items` (distinct keys).
  void assign(const std::vector<std::pair<std::string, Entry>>& items);

  const Entry* find(std::string_view w) const noexcept {
    if (w.size() > longest_ || slots_.empty()) return nullptr;
    const std::size_t h = hash(w);
    // Most words of a text are not in the lexicon: one bit of an 8 KiB filter
    // (about one key in ten sets a bit) turns most of them away before the
    // slots, which do not fit the L1 cache.
    const std::size_t bit = h >> 48;
    if (!(filter_[bit >> 6] >> (bit & 63) & 1)) return nullptr;
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.entry == kEmpty) return nullptr;
      if (s.length == w.size() && std::memcmp(keys_.data() + s.offset, w.data(), w.size()) == 0)
        return &entries_[s.entry];
    }
  }
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  static constexpr std::uint32_t kEmpty = ~0u;
  struct Slot {
    std::uint32_t offset = 0, length = 0, entry = kEmpty;
  };
  static std::size_t hash(std::string_view w) noexcept {
    // Whole 8-byte words, then the last 1-8 bytes as two overlapping loads
    // of 4 (or 1-3 bytes picked one by one): no loop over a word's tail.
    const char* p = w.data();
    const std::size_t n = w.size();
    std::uint64_t h = kHashSeed ^ n;
    std::size_t k = 0;
    for (; k + 8 < n; k += 8) h = hash_combine(h, load<std::uint64_t>(p + k));
    const std::size_t rest = n - k;  // 0 only for the empty word
    std::uint64_t x;
    if (rest == 8) {
      x = load<std::uint64_t>(p + k);
    } else if (rest >= 4) {
      x = std::uint64_t{load<std::uint32_t>(p + k)} << 32 | load<std::uint32_t>(p + n - 4);
    } else if (rest > 0) {
      x = std::uint64_t{static_cast<unsigned char>(p[k])} << 16 |
          std::uint64_t{static_cast<unsigned char>(p[k + rest / 2])} << 8 |
          static_cast<unsigned char>(p[n - 1]);
    } else {
      x = 0;
    }
    return static_cast<std::size_t>(hash_mix(hash_combine(h, x)));
  }
  template <class T>
  static T load(const char* p) noexcept {
    T x;
    std::memcpy(&x, p, sizeof x);
    return x;
  }
  std::string keys_;
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(1024);  // 65536 bits
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::size_t mask_ = 0, longest_ = 0;
};

WordTable build_word_table(const std::vector<TextBlobLexiconEntry>& entries);

// The token that find_tokens puts where two or more line feeds were, and that
// it drops from every sentence.
inline constexpr std::string_view kEndOfSentence = "END-OF-SENTENCE";

struct Item {  // one assessment while the rules run (pattern's dict)
  double p, s, i;
  int n;  // -1 once negated
  std::uint8_t label;
  std::uint32_t first_word;  // into Scratch::item_words (only when words are kept)
};

struct Scratch {
  std::vector<std::string_view> tokens;  // find_tokens' tokens, into the text or literals
  std::vector<std::string_view> tail;    // trailing punctuation of one token
  std::string sentence, sarcasm, glued;  // one sentence joined; after each substitution
  std::string lowered;                   // one word lowered, when lowering changes it
  std::string words;                     // the words end to end (only when words are kept)
  std::vector<Item> items;
  // Assessment words (kept only for assessments()): per item a list of
  // (offset, length) into `words`, linked so that an insert at the front is
  // O(1).
  struct WordRef {
    std::uint32_t offset, length, next;
  };
  std::vector<WordRef> refs;
  std::vector<std::uint32_t> item_last;  // last ref of each item
};

// find_tokens + " ".join(...).split(): calls sink.word(w) for each word w of
// `text` in order, w lowered with str.lower() of `py` (as it is when `py` is
// null). w is valid during the call only. Instantiated for the sinks below.
template <class Sink>
void find_words(std::string_view text, const PyStr* py, Scratch& s, Sink& sink);

// Sentiment.assessments over the lowered words as find_words gives them, and
// the averages of Sentiment.__call__: word() per word, then scores(). With
// kKeepWords the words are kept in s.words for collect().
template <bool kKeepWords>
class Assessor {
 public:
  Assessor(const WordTable& table, Scratch& s);
  void word(std::string_view w);
  TextBlobScores scores() const;

 private:
  const WordTable& table_;
  Scratch& s_;
  bool has_m_ = false, m_ly_ = false;  // m: the preceding modifier, and m[0].endswith("ly")
  bool has_n_ = false;                 // n: the preceding negation
  std::uint32_t n_offset_ = 0, n_length_ = 0;
};

// The words as a list (TextBlobAnalyzer::tokens).
struct WordList {
  std::vector<std::string> words;
  void word(std::string_view w) { words.emplace_back(w); }
};

// Whether RE_SARCASM or RE_EMOTICONS could change the sentence made of
// tokens[begin, end) less those equal to `skip` (if not empty): a "(", or a
// face's first character followed by the first byte of a second one. When
// false, the sentence's words are its tokens.
bool may_substitute(const std::vector<std::string_view>& tokens, std::size_t begin, std::size_t end,
                    std::string_view skip) noexcept;

// Whether may_substitute can be true for any sentence of `text`: false for
// most texts, whose sentences then need no test.
bool text_may_substitute(std::string_view text) noexcept;

// RE_SARCASM then RE_EMOTICONS on one sentence string: the result is
// `sentence` itself when neither changes it, else a view of `glued` (`tmp`
// holds the intermediate string).
std::string_view substitute_sentence(std::string_view sentence, std::string& tmp, std::string& glued);

// The polarity of a lowered word that assessments() counts as an emoticon
// (EMOTICONS, after its isalpha/length/PUNCTUATION filter), or nullptr.
const double* emoticon_polarity(std::string_view lowered) noexcept;

// EMOTICONS as (face, polarity) pairs in the order the engine uses.
std::vector<std::pair<std::string, double>> emoticon_table();

// The assessments of the last Assessor<true> as the public struct.
std::vector<TextBlobAssessment> collect(const WordTable& table, const Scratch& s);

}  // namespace textgauge::textblob
