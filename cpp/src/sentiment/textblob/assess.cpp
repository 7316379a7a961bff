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
Assessor<kKeepWords>::Assessor(const WordTable& table, Scratch& s) : table_(table), s_(s) {
  s.items.clear();
  if constexpr (kKeepWords) {
    s.words.clear();
    s.refs.clear();
    s.item_last.clear();
  }
}

template <bool kKeepWords>
void Assessor<kKeepWords>::word(std::string_view w) {
  Scratch& s = s_;
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

  std::uint32_t w_offset = 0;
  if constexpr (kKeepWords) {
    w_offset = static_cast<std::uint32_t>(s.words.size());
    s.words.append(w);
  }
  const auto w_length = static_cast<std::uint32_t>(w.size());
  if (const Entry* e = table_.find(w)) {
    if (!has_m_) {
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
    if (has_n_) {
      // "not (really) good"
      Item& a = s.items.back();
      if constexpr (kKeepWords) {
        const std::uint32_t r = new_ref(n_offset_, n_length_);
        s.refs[r].next = a.first_word;
        a.first_word = r;
      }
      a.i = 1.0 / a.i;
      a.n = -1;
    }
    has_m_ = e->adverb;
    if (has_m_) m_ly_ = w.ends_with("ly");
    has_n_ = is_negation(w);
    if (has_n_) n_offset_ = w_offset, n_length_ = w_length;
    return;
  }
  if (is_negation(w)) {
    has_n_ = true;
    n_offset_ = w_offset, n_length_ = w_length;
  } else if (has_n_ && stripped_length(w) > 1) {
    has_n_ = false;  // a negation carries across words of one character only
  }
  if (has_n_ && has_m_ && m_ly_) {
    // "really not good": the negation joins the modifier's assessment.
    if constexpr (kKeepWords) append_word(new_ref(n_offset_, n_length_));
    s.items.back().n = -1;
    has_n_ = false;
  } else if (has_m_ && code_points(w) > 2) {
    has_m_ = false;
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

template <bool kKeepWords>
TextBlobScores Assessor<kKeepWords>::scores() const {
  // avg() of Sentiment.__call__: from the int 0, left to right; "not good"
  // counts half, the other way.
  double polarity = 0.0, subjectivity = 0.0;
  for (const Item& a : s_.items) {
    polarity += a.n < 0 ? a.p * -0.5 : a.p;
    subjectivity += a.s;
  }
  const double count = static_cast<double>(s_.items.empty() ? 1 : s_.items.size());
  return TextBlobScores{polarity / count, subjectivity / count};
}

template class Assessor<true>;
template class Assessor<false>;

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
