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
    std::uint64_t h = kHashSeed ^ w.size();
    std::size_t k = 0;
    for (; k + 8 <= w.size(); k += 8) {
      std::uint64_t x;
      std::memcpy(&x, w.data() + k, 8);
      h = hash_combine(h, x);
    }
    if (k < w.size()) {
      // the last 1-7 bytes, packed without a variable-length memcpy call
      std::uint64_t x = 0;
      for (std::size_t j = w.size(); j-- > k;) x = (x << 8) | static_cast<unsigned char>(w[j]);
      h = hash_combine(h, x);
    }
    return static_cast<std::size_t>(hash_mix(h));
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
  std::string words;                     // every word, end to end
  std::vector<std::uint32_t> word_end;   // end offset of each word in `words`
  std::vector<Item> items;
  // Assessment words (kept only for assessments()): per item a list of
  // (offset, length) into lowered_all, linked so that an insert at the front
  // is O(1).
  struct WordRef {
    std::uint32_t offset, length, next;
  };
  std::vector<WordRef> refs;
  std::vector<std::uint32_t> item_last;  // last ref of each item
};

// find_tokens + " ".join(...).split(): the words of `text` into s.words /
// s.word_end, each with str.lower() of `py` (as they are when `py` is null).
void find_words(std::string_view text, const PyStr* py, Scratch& s);

// Whether RE_SARCASM or RE_EMOTICONS could change the sentence made of
// tokens[begin, end) less those equal to `skip` (if not empty): a "(", or a
// face's first character followed by the first byte of a second one. When
// false, the sentence's words are its tokens.
bool may_substitute(const std::vector<std::string_view>& tokens, std::size_t begin, std::size_t end,
                    std::string_view skip) noexcept;

// RE_SARCASM then RE_EMOTICONS on one sentence string: the result is
// `sentence` itself when neither changes it, else a view of `glued` (`tmp`
// holds the intermediate string).
std::string_view substitute_sentence(std::string_view sentence, std::string& tmp, std::string& glued);

// The polarity of a lowered word that assessments() counts as an emoticon
// (EMOTICONS, after its isalpha/length/PUNCTUATION filter), or nullptr.
const double* emoticon_polarity(std::string_view lowered) noexcept;

// EMOTICONS as (face, polarity) pairs in the order the engine uses.
std::vector<std::pair<std::string, double>> emoticon_table();

// Sentiment.assessments over the lowered s.words and the averages of
// Sentiment.__call__.
template <bool kKeepWords>
TextBlobScores assess(const WordTable& table, Scratch& s);

// The assessments of the last assess<true>() as the public struct.
std::vector<TextBlobAssessment> collect(const WordTable& table, const Scratch& s);

}  // namespace textgauge::textblob
