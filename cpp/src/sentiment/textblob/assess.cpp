// Sentiment.assessments and the averages of Sentiment.__call__ in
// textblob/_text.py, for words without a part of speech (what a string
// gets): every lookup is the word's None entry.
#include <string>
#include <string_view>
#include <vector>

#include "sentiment/textblob/textblob_impl.hpp"

namespace textgauge::textblob {

namespace {

// max(-1.0, min(x, +1.0)) as Python evaluates it.
inline double clamp(double x) noexcept {
  const double y = 1.0 < x ? 1.0 : x;
  return y > -1.0 ? y : -1.0;
}

inline bool is_negation(std::string_view w) noexcept {
  return w.size() >= 2 && w[0] == 'n' && (w == "no" || w == "not" || w == "n't" || w == "never");
}

inline std::size_t code_points(std::string_view w) noexcept {
  std::size_t n = 0;
  for (const char c : w) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// len(w.strip("'"))
inline std::size_t stripped_length(std::string_view w) noexcept {
  while (!w.empty() && w.front() == '\'') w.remove_prefix(1);
  while (!w.empty() && w.back() == '\'') w.remove_suffix(1);
  return code_points(w);
}

}  // namespace

template <bool kKeepWords>
TextBlobScores assess(const WordTable& table, Scratch& s) {
  s.items.clear();
  if constexpr (kKeepWords) {
    s.refs.clear();
    s.item_last.clear();
  }
  using Ref = Scratch::WordRef;
  constexpr std::uint32_t kNone = ~0u;
  // The word refs of an item: a list with O(1) insertion at the front.
  auto start_item = [&](std::uint32_t ref) {
    s.items.back().first_word = ref;
    s.item_last.push_back(ref);
  };
  auto append_word = [&](std::uint32_t ref) {
    s.refs[s.item_last.back()].next = ref;
    s.item_last.back() = ref;
  };
  auto new_ref = [&](std::uint32_t offset, std::uint32_t length) {
    s.refs.push_back(Ref{offset, length, kNone});
    return static_cast<std::uint32_t>(s.refs.size() - 1);
  };

  bool has_m = false, m_ly = false;  // m: the preceding modifier, and m[0].endswith("ly")
  bool has_n = false;                // n: the preceding negation
  std::uint32_t n_offset = 0, n_length = 0;
  std::uint32_t w_offset = 0;
  std::size_t begin = 0;
  for (const std::uint32_t end : s.word_end) {
    const std::string_view w(s.words.data() + begin, end - begin);
    if constexpr (kKeepWords) w_offset = static_cast<std::uint32_t>(begin);
    begin = end;
    const auto w_length = static_cast<std::uint32_t>(w.size());
    if (const Entry* e = table.find(w)) {
      if (!has_m) {
        s.items.push_back(Item{e->polarity, e->subjectivity, e->intensity, 1, e->label, 0});
        if constexpr (kKeepWords) start_item(new_ref(w_offset, w_length));
      } else {
        // "really good": the modifier's assessment becomes the pair's.
        Item& a = s.items.back();
        if constexpr (kKeepWords) append_word(new_ref(w_offset, w_length));
        a.p = clamp(e->polarity * a.i);
        a.s = clamp(e->subjectivity * a.i);
        a.i = e->intensity;
        a.label = e->label;
      }
      if (has_n) {
        // "not (really) good"
        Item& a = s.items.back();
        if constexpr (kKeepWords) {
          const std::uint32_t r = new_ref(n_offset, n_length);
          s.refs[r].next = a.first_word;
          a.first_word = r;
        }
        a.i = 1.0 / a.i;
        a.n = -1;
      }
      has_m = e->adverb;
      if (has_m) m_ly = w.ends_with("ly");
      has_n = is_negation(w);
      if (has_n) n_offset = w_offset, n_length = w_length;
      continue;
    }
    if (is_negation(w)) {
      has_n = true;
      n_offset = w_offset, n_length = w_length;
    } else if (has_n && stripped_length(w) > 1) {
      has_n = false;  // a negation carries across words of one character only
    }
    if (has_n && has_m && m_ly) {
      // "really not good": the negation joins the modifier's assessment.
      if constexpr (kKeepWords) append_word(new_ref(n_offset, n_length));
      s.items.back().n = -1;
      has_n = false;
    } else if (has_m && code_points(w) > 2) {
      has_m = false;
    }
    if (w == "!" && !s.items.empty()) {
      if constexpr (kKeepWords) append_word(new_ref(w_offset, w_length));
      s.items.back().p = clamp(s.items.back().p * 1.25);
    }
    if (w == "(!)") {
      s.items.push_back(Item{0.0, 1.0, 1.0, 1, kIrony, 0});
      if constexpr (kKeepWords) start_item(new_ref(w_offset, w_length));
    }
    if (const double* p = emoticon_polarity(w)) {
      s.items.push_back(Item{*p, 1.0, 1.0, 1, kMood, 0});
      if constexpr (kKeepWords) start_item(new_ref(w_offset, w_length));
    }
  }
  // avg() of Sentiment.__call__: from the int 0, left to right; "not good"
  // counts half, the other way.
  double polarity = 0.0, subjectivity = 0.0;
  for (const Item& a : s.items) {
    polarity += a.n < 0 ? a.p * -0.5 : a.p;
    subjectivity += a.s;
  }
  const double count = static_cast<double>(s.items.empty() ? 1 : s.items.size());
  return TextBlobScores{polarity / count, subjectivity / count};
}

template TextBlobScores assess<true>(const WordTable&, Scratch&);
template TextBlobScores assess<false>(const WordTable&, Scratch&);

std::vector<TextBlobAssessment> collect(const WordTable& table, const Scratch& s) {
  std::vector<TextBlobAssessment> out;
  out.reserve(s.items.size());
  for (const Item& a : s.items) {
    TextBlobAssessment r;
    for (std::uint32_t k = a.first_word; k != ~0u; k = s.refs[k].next)
      r.words.emplace_back(s.words.substr(s.refs[k].offset, s.refs[k].length));
    r.polarity = a.n < 0 ? a.p * -0.5 : a.p;
    r.subjectivity = a.s;
    r.label = table.labels[a.label];
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace textgauge::textblob
