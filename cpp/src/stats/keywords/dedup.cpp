// The similarity functions of yake 0.7.3's de-duplication (see
// textgauge/stats/yake.hpp), on code points as Python compares str.
#include <algorithm>
#include <cstdlib>
#include <set>

#include "textgauge/pystr/pystr.hpp"
#include "textgauge/stats/yake.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

using Str = std::u32string;

std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

Str lower(const PyStr& py, std::u32string_view s) {
  std::string out;
  py.lower(to_utf8(s), out);
  return decode_utf8(out);
}

// |a & b| / |a | b| of two sorted, distinct sequences (0 when both are empty).
template <class T>
double jaccard(const std::vector<T>& a, const std::vector<T>& b, std::size_t* union_size = nullptr) {
  std::vector<T> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  const std::size_t u = a.size() + b.size() - both.size();
  if (union_size) *union_size = u;
  return u == 0 ? 0.0 : static_cast<double>(both.size()) / static_cast<double>(u);
}

template <class T>
std::vector<T> distinct(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

double seqm(const Str& a, const Str& b, const PyStr& py) {
  if (a == b) return 1.0;
  const auto la = static_cast<long>(a.size()), lb = static_cast<long>(b.size());
  const long longest = std::max(la, lb), shortest = std::min(la, lb);
  if (static_cast<double>(std::labs(la - lb)) > static_cast<double>(longest) * 0.6) return 0.0;
  if (longest > 3) {
    if (a.front() != b.front() || a.back() != b.back()) return 0.0;
    if (shortest >= 3 &&
        lower(py, std::u32string_view(a).substr(0, 2)) != lower(py, std::u32string_view(b).substr(0, 2)))
      return 0.0;
  }
  const auto spaces = [](const Str& s) { return static_cast<long>(std::count(s.begin(), s.end(), U' ')); };
  if (std::labs(spaces(a) - spaces(b)) > 1) return 0.0;
  if (longest == 0) return 0.0;
  const double len_ratio = static_cast<double>(shortest) / static_cast<double>(longest);
  if (len_ratio < 0.3) return 0.0;
  const Str al = lower(py, a), bl = lower(py, b);
  std::size_t chars = 0;
  const double overlap = jaccard(distinct(std::vector<char32_t>(al.begin(), al.end())),
                                 distinct(std::vector<char32_t>(bl.begin(), bl.end())), &chars);
  if (chars == 0) return 0.0;
  if (overlap < 0.2) return 0.0;
  if (longest <= 4) return overlap * len_ratio;
  auto words = [](const Str& s) {  // str.split()
    std::vector<Str> out;
    for (std::size_t i = 0; i < s.size();) {
      while (i < s.size() && py_isspace(s[i])) ++i;
      std::size_t j = i;
      while (j < s.size() && !py_isspace(s[j])) ++j;
      if (j > i) out.emplace_back(s.substr(i, j - i));
      i = j;
    }
    return out;
  };
  const std::vector<Str> wa = words(al), wb = words(bl);
  if (wa.size() > 1 || wb.size() > 1) {
    std::size_t n = 0;
    const double w_overlap = jaccard(distinct(wa), distinct(wb), &n);
    if (n > 0 && w_overlap > 0.4) return w_overlap;
  }
  auto trigrams = [](const Str& s) {
    std::vector<Str> out;
    for (std::size_t i = 0; i + 2 < s.size(); ++i) out.push_back(s.substr(i, 3));
    return distinct(std::move(out));
  };
  const double t_overlap = jaccard(trigrams(al), trigrams(bl));
  return std::min(0.3 * len_ratio + 0.2 * overlap + 0.5 * t_overlap, 1.0);
}

// The package's edit distance, with its shortcut for very different lengths.
std::size_t edit_distance(const Str& a, const Str& b) {
  const std::size_t la = a.size(), lb = b.size();
  if (la == 0 || lb == 0) return la + lb;
  const std::size_t longest = std::max(la, lb);
  if (static_cast<double>(la > lb ? la - lb : lb - la) > static_cast<double>(longest) * 0.7) return longest;
  std::vector<std::size_t> prev(lb + 1), cur(lb + 1);
  for (std::size_t j = 0; j <= lb; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= la; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= lb; ++j)
      cur[j] = std::min({cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
    std::swap(prev, cur);
  }
  return prev[lb];
}

double levs(const Str& a, const Str& b) {
  return 1 - static_cast<double>(edit_distance(a, b)) / static_cast<double>(std::max(a.size(), b.size()));
}

double jaro(const Str& a, const Str& b) {
  const std::size_t la = a.size(), lb = b.size();
  if (!la || !lb) return 0.0;
  const std::size_t half = std::max(la, lb) / 2;
  const std::size_t reach = half >= 1 ? half - 1 : 0;
  std::vector<char> fa(la, 0), fb(lb, 0);
  std::size_t common = 0;
  for (std::size_t i = 0; i < la; ++i) {
    const std::size_t from = i >= reach ? i - reach : 0, to = std::min(lb, i + reach + 1);
    for (std::size_t j = from; j < to; ++j)
      if (!fb[j] && b[j] == a[i]) {
        fa[i] = fb[j] = 1;
        ++common;
        break;
      }
  }
  if (!common) return 0.0;
  std::size_t k = 0, trans = 0;
  for (std::size_t i = 0; i < la; ++i) {
    if (!fa[i]) continue;
    while (!fb[k]) ++k;
    trans += a[i] != b[k];
    ++k;
  }
  trans /= 2;
  const double c = static_cast<double>(common);
  return (c / static_cast<double>(la) + c / static_cast<double>(lb) + (c - static_cast<double>(trans)) / c) /
         3;
}

}  // namespace

double yake_similarity(std::string_view a, std::string_view b, YakeDedup how, int unicode_major,
                       int unicode_minor) {
  const Str ua = decode_utf8(a), ub = decode_utf8(b);
  switch (how) {
    case YakeDedup::jaro: return jaro(ua, ub);
    case YakeDedup::levs: return levs(ua, ub);
    case YakeDedup::seqm: break;
  }
  return seqm(ua, ub, PyStr::get(unicode_major, unicode_minor));
}

}  // namespace textgauge
