// Step 3 and 4 of polarity_scores: sentiment_valence's rules for each token
// (negation, ALL-CAPS, boosters, idioms, `least`) and _but_check.
#include <algorithm>
#include <bit>
#include <functional>
#include <iterator>

#include "sentiment/vader_impl.hpp"

namespace textgauge::vader {

namespace {

struct Phrase {
  std::uint8_t w[3];
  std::uint8_t n;
  double value;
};
// SPECIAL_CASES of 3.3.2 (master changed `beating heart` and added `broken
// heart`; the installed package is the reference). `badass` holds no space
// and can never match a sequence, so it is left out.
const Phrase kSpecial[] = {{{wThe, wShit, 0}, 2, 3.0},    {{wThe, wBomb, 0}, 2, 3.0},
                           {{wBad, wAss, 0}, 2, 1.5},     {{wBus, wStop, 0}, 2, 0.0},
                           {{wYeah, wRight, 0}, 2, -2.0}, {{wKiss, wOf, wDeath}, 3, -1.5},
                           {{wTo, wDie, wFor}, 3, 3.0},   {{wBeating, wHeart, 0}, 2, 3.5}};
const Phrase kBoosterPhrases[] = {
    {{wJust, wEnough, 0}, 2, B_DECR}, {{wKind, wOf, 0}, 2, B_DECR}, {{wSort, wOf, 0}, 2, B_DECR}};

const Phrase* match(const Phrase* begin, const Phrase* end, std::uint8_t a, std::uint8_t b, std::uint8_t c,
                    std::uint8_t n) {
  for (const Phrase* ph = begin; ph != end; ++ph)
    if (ph->n == n && ph->w[0] == a && ph->w[1] == b && (n == 2 || ph->w[2] == c)) return ph;
  return nullptr;
}

// _negation_check at distance k + 1 before token i, with the `never so`/
// `without doubt` cases of sentiment_valence. Inline, as idioms_check: called
// at each distance of each lexicon word, they are cheaper unrolled into the
// loop with k known.
inline double negation_check(double v, std::size_t k, std::size_t i, const std::vector<Tok>& t, bool fixed,
                             std::uint32_t& rules) {
  auto has = [&](std::size_t j, std::uint32_t f) { return (t[j].flags & f) != 0; };
  if (k == 0) {
    if (t[i - 1].negated) {
      v = v * N_SCALAR;
      rules |= rule_negation;
    }
  } else if (k == 1) {
    if (has(i - 2, kNever) && has(i - 1, kSoThis)) {
      v = v * 1.25;
      rules |= rule_intensifier;
    } else if (has(i - 2, kWithout) && has(i - 1, kDoubt)) {
    } else if (t[i - 2].negated) {
      v = v * N_SCALAR;
      rules |= rule_negation;
    }
  } else {
    // The reference's `a and b or c` binds as `(a and b) or c`: `so`/`this`
    // just before the word multiplies by 1.25 with no `never` at all.
    const bool never_so = fixed ? has(i - 3, kNever) && (has(i - 2, kSoThis) || has(i - 1, kSoThis))
                                : (has(i - 3, kNever) && has(i - 2, kSoThis)) || has(i - 1, kSoThis);
    if (never_so) {
      v = v * 1.25;
      rules |= rule_intensifier;
    } else if (has(i - 3, kWithout) && (has(i - 2, kDoubt) || has(i - 1, kDoubt))) {
    } else if (t[i - 3].negated) {
      v = v * N_SCALAR;
      rules |= rule_negation;
    }
  }
  return v;
}

// _special_idioms_check (called at distance 3 only, so i >= 3).
[[gnu::always_inline]] inline double idioms_check(double v, std::size_t i, const std::vector<Tok>& t,
                                                  bool fixed, std::uint32_t& rules) {
  const std::size_t L = t.size();
  auto id = [&](std::size_t j) -> std::uint8_t { return j < L ? word_of(t[j].flags) : std::uint8_t{wNone}; };
  const std::uint8_t w3 = id(i - 3), w2 = id(i - 2), w1 = id(i - 1), w0 = id(i), p1 = id(i + 1),
                     p2 = id(i + 2);
  if (!(w3 | w2 | w1 | w0 | p1 | p2)) return v;  // no token of any phrase around: nothing can match
  auto special = [&](std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t n) -> const Phrase* {
    if (!a || !b || (n == 3 && !c)) return nullptr;
    return match(std::begin(kSpecial), std::end(kSpecial), a, b, c, n);
  };
  const Phrase* found = nullptr;
  // onezero, twoonezero, twoone, threetwoone, threetwo: the first hit wins.
  if (!(found = special(w1, w0, 0, 2)) && !(found = special(w2, w1, w0, 3)) &&
      !(found = special(w2, w1, 0, 2)) && !(found = special(w3, w2, w1, 3)))
    found = special(w3, w2, 0, 2);
  if (found) {
    v = found->value;  // replaces negation, caps and boosters applied so far
    rules |= rule_idiom;
  }
  if (i + 1 < L) {
    if (const Phrase* ph = special(w0, p1, 0, 2)) {
      v = ph->value;
      rules |= rule_idiom;
    }
  }
  if (i + 2 < L) {
    if (const Phrase* ph = special(w0, p1, p2, 3)) {
      v = ph->value;
      rules |= rule_idiom;
    }
  }
  // Booster n-grams: threetwoone (never a 2-word key), threetwo, twoone.
  const std::pair<std::uint8_t, std::uint8_t> grams[] = {{w3, w2}, {w2, w1}};
  for (const auto& [a, b] : grams) {
    if (!a || !b) continue;
    if (const Phrase* ph = match(std::begin(kBoosterPhrases), std::end(kBoosterPhrases), a, b, 0, 2)) {
      // The reference adds -0.293 whatever the sign, so `kind of bad` gets worse.
      double inc = ph->value;
      if (fixed && v < 0) inc *= -1;
      v = v + inc;
      rules |= rule_booster;
    }
  }
  return v;
}

}  // namespace

// --- 3. the per-token loop (polarity_scores + sentiment_valence) ------------
template <bool kExplain>
void valences(Scratch& s, bool fixed) {
  const std::vector<Tok>& t = s.toks;
  const std::size_t L = t.size();
  s.sent.clear();
  s.nonzero.clear();
  if (kExplain) s.rules.assign(L, 0);
  s.first_but = L;
  // allcap_differential, counted the first time an ALL-CAPS word needs it
  // (most texts have none in a place where it matters).
  int cap_diff = -1;
  auto caps = [&] {
    if (cap_diff < 0) {
      std::size_t n_upper = 0;
      // (tokens of unknown case are the ASCII path's short keys: <= 15 bytes)
      for (const Tok& tok : t)
        n_upper +=
            tok.case_known ? tok.upper : ascii_isupper(s.padded.data() + tok.begin, tok.end - tok.begin);
      cap_diff = L - n_upper > 0 && L - n_upper < L;
    }
    return cap_diff == 1;
  };
  auto has = [&](std::size_t j, std::uint32_t f) { return (t[j].flags & f) != 0; };
  auto in_lex = [&](std::size_t j) { return (t[j].flags & kInLex) != 0; };

  for (const std::size_t i : s.visit) {
    const std::uint32_t flags = t[i].flags;
    if ((flags & kBut) && s.first_but == L) s.first_but = i;
    if (!(flags & kInLex) || (flags & kBooster)) continue;
    if (i + 1 < L && (flags & kKind) && has(i + 1, kOf)) continue;
    std::uint32_t rules = 0;
    double v = t[i].valence;
    // "no" as a determiner of the next lexicon word
    if ((flags & kNo) && i != L - 1 && in_lex(i + 1)) v = 0.0;
    if ((i > 0 && has(i - 1, kNo)) || (i > 1 && has(i - 2, kNo)) ||
        (i > 2 && has(i - 3, kNo) && has(i - 1, kOrNor))) {
      v = t[i].valence * N_SCALAR;  // replaces the 0.0 above: `no no` is positive
      rules |= rule_negation;
    }
    if (t[i].upper && caps()) {
      if (v > 0)
        v += C_INCR;
      else
        v -= C_INCR;  // a zeroed `no` lands here too
      rules |= rule_caps;
    }
    for (std::size_t k = 0; k < 3; ++k) {
      // A lexicon word at this distance skips the whole step.
      if (!(i > k && !in_lex(i - k - 1))) continue;
      const Tok& w = t[i - k - 1];
      double sc = 0.0;  // scalar_inc_dec
      if (w.flags & kBooster) {
        sc = booster_of(w.flags);
        if (v < 0) sc *= -1;
        if (w.upper && caps()) {
          if (v > 0)
            sc += C_INCR;
          else
            sc -= C_INCR;
        }
      }
      if (k == 1 && sc != 0) sc = sc * 0.95;
      if (k == 2 && sc != 0) sc = sc * 0.9;
      v = v + sc;
      if (kExplain && sc != 0) rules |= rule_booster;
      v = negation_check(v, k, i, t, fixed, rules);
      if (k == 2) v = idioms_check(v, i, t, fixed, rules);
    }
    // _least_check
    if (i > 1 && !in_lex(i - 1) && has(i - 1, kLeast)) {
      if (!has(i - 2, kAtVery)) {
        v = v * N_SCALAR;
        rules |= rule_least;
      }
    } else if (i > 0 && !in_lex(i - 1) && has(i - 1, kLeast)) {
      v = v * N_SCALAR;
      rules |= rule_least;
    }
    // Zeros never change the sums (the running sum is never -0.0) nor the
    // `but` rule (0 * factor == 0): later steps visit only the others.
    if (v != 0) {
      s.nonzero.push_back(static_cast<std::uint32_t>(i));
      s.sent.push_back(v);
    }
    if (kExplain) s.rules[i] = rules;
  }
}

// --- 4. _but_check ------------------------------------------------------------
template <bool kExplain>
void but_check(Scratch& s, bool fixed) {
  const std::size_t L = s.toks.size();
  const std::size_t bi = s.first_but;
  if (bi == L) return;
  // Slots index the non-zero valences; their order is the positions' order.
  std::vector<double>& v = s.sent;
  const std::vector<std::uint32_t>& pos = s.nonzero;
  auto scale = [&](std::size_t slot, double x) {
    const std::size_t j = pos[slot];
    if (j < bi) {
      v[slot] = x * 0.5;
      if (kExplain) s.rules[j] |= rule_but;
    } else if (j > bi) {
      v[slot] = x * 1.5;
      if (kExplain) s.rules[j] |= rule_but;
    }
  };
  if (fixed) {
    for (std::size_t m = 0; m < v.size(); ++m) scale(m, v[m]);
    return;
  }
  // The reference: `for x in s: j = s.index(x); s[j] = x * factor(j)`. At
  // step k, s[k] still holds its original value (only positions <= the
  // current one are ever written), and s.index(x) is the smallest position
  // < k whose CURRENT value equals x, or k itself. Each value therefore
  // keeps a min-heap of the processed positions holding it; a position is
  // only ever written when it is the top of its heap. Zeros stay zero and
  // are skipped (0 * factor == 0 compares equal to 0).
  // The heaps are found through a flat map from the value's bits (never the
  // map's empty key, all ones: a NaN, and valences are never NaN), emptied per
  // text; the map and the heaps' vectors are reused across texts, so a text
  // allocates nothing once the scratch has grown. A map grown far bigger by
  // an earlier long text is dropped, so that emptying it stays O(this text).
  const std::size_t keys = 2 * v.size();  // each value, and each value scaled once
  if (s.but_index.capacity() > 16 * (keys + 8)) {
    s.but_index = FlatMap<std::uint64_t, std::uint32_t>(keys);
  } else {
    s.but_index.clear();
    s.but_index.reserve(keys);
  }
  std::uint32_t used = 0;
  auto heap_of = [&](double x, bool create) -> std::vector<std::uint32_t>* {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    if (!create) {
      const std::uint32_t* h = s.but_index.find(bits);
      return h ? &s.but_heaps[*h] : nullptr;
    }
    const auto [h, inserted] = s.but_index.try_emplace(bits, used);
    if (inserted) {
      if (used == s.but_heaps.size()) s.but_heaps.emplace_back();
      s.but_heaps[used++].clear();
    }
    return &s.but_heaps[h];
  };
  auto push = [&](std::size_t j) {
    auto& h = *heap_of(v[j], true);
    h.push_back(static_cast<std::uint32_t>(j));
    std::push_heap(h.begin(), h.end(), std::greater<>());
  };
  for (std::size_t k = 0; k < v.size(); ++k) {
    const double x = v[k];
    std::size_t j = k;
    if (auto* h = heap_of(x, false); h && !h->empty()) {
      j = h->front();
      std::pop_heap(h->begin(), h->end(), std::greater<>());
      h->pop_back();
    }
    scale(j, x);
    if (j != k) push(j);
    push(k);
  }
}

template void valences<false>(Scratch&, bool);
template void valences<true>(Scratch&, bool);
template void but_check<false>(Scratch&, bool);
template void but_check<true>(Scratch&, bool);

}  // namespace textgauge::vader
