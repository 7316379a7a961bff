// YAKE candidates and scores (see textgauge/stats/yake.hpp).
#include "textgauge/stats/yake.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/flat_map.hpp"

namespace textgauge {

namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// string.punctuation
bool is_punct(unsigned char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The package's get_tag for an ASCII token, with 'N' for "'n' unless first".
char ascii_class(std::string_view w) {
  std::string no_comma;
  for (char c : w)
    if (c != ',') no_comma.push_back(c);
  auto all_digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return is_digit(c); });
  };
  if (all_digits(no_comma)) return 'd';
  auto dot = no_comma.find('.');
  if (dot != std::string::npos) no_comma.erase(dot, 1);
  if (all_digits(no_comma)) return 'd';
  int cdigit = 0, calpha = 0, cexclude = 0, cupper = 0, clower = 0;
  for (unsigned char c : w) {
    cdigit += is_digit(c);
    calpha += is_upper(c) || is_lower(c);
    cexclude += is_punct(c);
    cupper += is_upper(c);
    clower += is_lower(c);
  }
  if ((cdigit > 0 && calpha > 0) || (cdigit == 0 && calpha == 0) || cexclude > 1) return 'u';
  if (cupper > 0 && clower == 0) return 'a';
  if (w.size() > 1 && is_upper(static_cast<unsigned char>(w[0])) && cupper == 1) return 'N';
  return 'p';
}

struct Term {
  double tf = 0, tf_a = 0, tf_n = 0;
  bool stopword = false;
  std::vector<int> sentences;  // distinct, ascending
  int in_edges = 0, out_edges = 0;
  double in_weight = 0, out_weight = 0;
  double h = 0;
};

// A candidate by its first occurrence: `size` tokens from `pos` of sentence
// `sentence`; its lower-cased words are `size` lower-form ids from `lowers`
// of the flat list. Its strings are built only when it is valid.
struct Candidate {
  int sentence = 0, pos = 0, size = 0, lowers = 0;
  double tf = 0;
  bool good_tags = false;  // some occurrence has no 'u'/'d' token
  bool edge_stopword = false;
  double h = 1.0;
};

struct Word {
  char tag;
  int lower;  // id of the lower-cased form
  int term;
  int pos;  // in the sentence
};

// What a spelling always gives: its lower-cased form's id and its tag class.
struct Spelling {
  int lower;
  char cls;
};

}  // namespace

double numpy_pairwise_sum(const double* a, std::size_t n) {
  if (n < 8) {
    double res = 0.;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return numpy_pairwise_sum(a, n2) + numpy_pairwise_sum(a + n2, n - n2);
}

namespace {

// The counting pass over the sentences: each term's frequencies, sentences
// and co-occurrence edges, and each candidate by its first occurrence.
class Counts {
 public:
  Counts(const std::unordered_map<std::string, YakeTokenInfo>& non_ascii,
         const std::unordered_set<std::string>& stopwords, const YakeOptions& options)
      : non_ascii_(non_ascii),
        stopwords_(stopwords),
        n_(std::max(options.n, 1)),
        window_(std::max(options.window, 0)) {}

  // A sentence's tokens: a token of punctuation only ends the block of
  // tokens that candidates and edges may span.
  void add_sentence(const std::vector<std::string>& sentence, int sid) {
    block_.clear();
    for (std::size_t pos = 0; pos < sentence.size(); ++pos) {
      const std::string& w = sentence[pos];
      if (std::all_of(w.begin(), w.end(), [](unsigned char c) { return is_punct(c); })) {
        block_.clear();
        continue;
      }
      const Spelling sp = spelling_of(w);
      const char tag = sp.cls == 'N' ? (pos > 0 ? 'n' : 'p') : sp.cls;
      const int tid = lower_term[sp.lower];
      Term& t = terms[tid];
      if (t.sentences.empty() || t.sentences.back() != sid) t.sentences.push_back(sid);
      t.tf += 1.0;
      if (tag == 'a') t.tf_a += 1.0;
      if (tag == 'n') t.tf_n += 1.0;
      const bool discard = tag == 'u' || tag == 'd';
      if (!discard) {
        std::size_t from = block_.size() > static_cast<std::size_t>(window_) ? block_.size() - window_ : 0;
        for (std::size_t b = from; b < block_.size(); ++b)
          if (block_[b].tag != 'u' && block_[b].tag != 'd') add_edge(block_[b].term, tid);
      }
      block_.push_back(Word{tag, sp.lower, tid, static_cast<int>(pos)});
      add_candidates(sid);
    }
  }

  // The weight of the edge a -> b, null when the two never co-occur so.
  const double* edge(int a, int b) const {
    return edges_.find((static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b));
  }

  std::vector<Term> terms;
  std::vector<Candidate> cands;
  std::vector<int> cand_lowers;     // the lower-form ids of each candidate, one after another
  std::vector<std::string> lowers;  // by lower-form id
  std::vector<int> lower_term;      // the term of each lower form

 private:
  int term_of(const std::string& lower) {
    term_key_ = lower;
    bool simple_stop = stopwords_.count(term_key_) > 0;
    if (term_key_.size() > 1 && term_key_.back() == 's' && code_points(term_key_) > 3) term_key_.pop_back();
    auto it = term_ids_.find(term_key_);
    if (it != term_ids_.end()) return it->second;
    std::string simple;
    for (char c : term_key_)
      if (!is_punct(static_cast<unsigned char>(c))) simple.push_back(c);
    Term t;
    t.stopword = simple_stop || stopwords_.count(term_key_) > 0 || code_points(simple) < 3;
    int id = static_cast<int>(terms.size());
    terms.push_back(std::move(t));
    term_ids_.emplace(term_key_, id);
    return id;
  }

  void add_edge(int a, int b) {
    auto [weight, fresh] =
        edges_.try_emplace((static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint32_t>(b), 0.0);
    if (fresh) {
      terms[a].out_edges++;
      terms[b].in_edges++;
    }
    weight += 1.0;
    terms[a].out_weight += 1.0;
    terms[b].in_weight += 1.0;
  }

  // Each distinct spelling is lower-cased, tagged and looked up once; the
  // keys view the tokens of the sentences, which outlive the counting.
  Spelling spelling_of(const std::string& w) {
    if (auto it = spellings_.find(w); it != spellings_.end()) return it->second;
    char cls;
    if (is_ascii(w)) {
      lowered_ = w;
      for (char& c : lowered_)
        if (is_upper(static_cast<unsigned char>(c))) c = static_cast<char>(c - 'A' + 'a');
      cls = ascii_class(w);
    } else {
      const YakeTokenInfo& info = non_ascii_.at(w);
      lowered_ = info.lower;
      cls = info.cls;
    }
    auto [li, fresh] = lower_ids_.try_emplace(lowered_, static_cast<int>(lowers.size()));
    if (fresh) {
      lowers.push_back(lowered_);
      lower_term.push_back(term_of(lowered_));
    }
    const Spelling sp{li->second, cls};
    spellings_.emplace(w, sp);
    return sp;
  }

  // The candidates ending at the block's last token: sizes 1..n within the block.
  void add_candidates(int sid) {
    std::size_t size_max = std::min<std::size_t>(static_cast<std::size_t>(n_), block_.size());
    for (std::size_t size = 1; size <= size_max; ++size) {
      std::size_t first = block_.size() - size;
      bool good = true;
      std::uint64_t packed = 0;
      bool packs = size <= 3;
      for (std::size_t b = first; b < block_.size(); ++b) {
        const auto id = static_cast<std::uint64_t>(block_[b].lower);
        packs = packs && id < kPackLimit;
        packed = (packed << 21) | (id + 1);
        good = good && block_[b].tag != 'u' && block_[b].tag != 'd';
      }
      const int next_id = static_cast<int>(cands.size());
      std::pair<int, bool> found;
      if (packs) {
        auto [id, fresh] = packed_ids_.try_emplace(packed, next_id);
        found = {id, fresh};
      } else {
        cand_key_.clear();
        for (std::size_t b = first; b < block_.size(); ++b)
          cand_key_.append(reinterpret_cast<const char*>(&block_[b].lower), sizeof(int));
        auto [it, fresh] = cand_ids_.try_emplace(cand_key_, next_id);
        found = {it->second, fresh};
      }
      if (found.second) {
        Candidate c;
        c.sentence = sid;
        c.pos = block_[first].pos;
        c.size = static_cast<int>(size);
        c.lowers = static_cast<int>(cand_lowers.size());
        for (std::size_t b = first; b < block_.size(); ++b) cand_lowers.push_back(block_[b].lower);
        c.edge_stopword = terms[block_[first].term].stopword || terms[block_.back().term].stopword;
        cands.push_back(c);
      }
      Candidate& c = cands[found.first];
      c.good_tags = c.good_tags || good;
      c.tf += 1.0;
    }
  }

  const std::unordered_map<std::string, YakeTokenInfo>& non_ascii_;
  const std::unordered_set<std::string>& stopwords_;
  const int n_, window_;
  std::unordered_map<std::string, int> term_ids_;
  FlatMap<std::uint64_t, double> edges_;
  // A candidate's key: its lower-form ids. Up to three ids below 2^21 - 1
  // pack into one integer (each plus one, so that sizes differ), for the
  // flat map; longer candidates or larger ids use the bytes of their ids.
  static constexpr std::uint64_t kPackLimit = (std::uint64_t{1} << 21) - 1;
  FlatMap<std::uint64_t, int> packed_ids_;
  std::unordered_map<std::string, int> cand_ids_;
  std::string cand_key_, term_key_;
  std::unordered_map<std::string_view, Spelling> spellings_;
  std::unordered_map<std::string, int> lower_ids_;
  std::string lowered_;
  std::vector<Word> block_;  // the current run of tokens without punctuation-only ones
};

// Each term's score h (the package's single-term features). False when no
// term is valid (then no candidate is either).
bool score_terms(std::vector<Term>& terms, int n_sentences) {
  std::vector<double> tfs;
  for (const Term& t : terms)
    if (!t.stopword) tfs.push_back(t.tf);
  if (tfs.empty()) return false;
  double max_tf = 0;
  for (const Term& t : terms) max_tf = std::max(max_tf, t.tf);
  const double count = static_cast<double>(tfs.size());
  const double avg_tf = numpy_pairwise_sum(tfs.data(), tfs.size()) / count;
  for (double& x : tfs) {
    x = x - avg_tf;
    x = x * x;
  }
  const double std_tf = std::sqrt(numpy_pairwise_sum(tfs.data(), tfs.size()) / count);
  for (Term& t : terms) {
    double pwr = t.out_weight == 0 ? 0.0 : t.out_edges / t.out_weight;
    double pwl = t.in_weight == 0 ? 0.0 : t.in_edges / t.in_weight;
    double wrel = 0.5 + pwl * (t.tf / max_tf) + (0.5 + pwr * (t.tf / max_tf));
    double wfreq = t.tf / (avg_tf + std_tf);
    double wspread = static_cast<double>(t.sentences.size()) / n_sentences;
    double wcase = std::max(t.tf_a, t.tf_n) / (1.0 + std::log(t.tf));
    const auto& s = t.sentences;
    std::size_t m = s.size();
    double median = m % 2 ? static_cast<double>(s[m / 2])
                          : (static_cast<double>(s[m / 2 - 1]) + static_cast<double>(s[m / 2])) / 2.0;
    double wpos = std::log(std::log(3.0 + median));
    t.h = wpos * wrel / (wcase + wfreq / wrel + wspread / wrel);
  }
  return true;
}

// Each valid candidate's score h (a stopword inside it counts by the
// probability of the edges around it), into `valid` in candidate order.
// False when a denominator is zero: Python raises ZeroDivisionError there and
// the package catches it and returns [].
bool score_candidates(Counts& counts, std::vector<int>& valid) {
  const std::vector<Term>& terms = counts.terms;
  for (std::size_t i = 0; i < counts.cands.size(); ++i) {
    Candidate& c = counts.cands[i];
    if (!c.good_tags || c.edge_stopword) continue;
    double sum_h = 0.0, prod_h = 1.0;
    auto term_at = [&](int k) { return counts.lower_term[counts.cand_lowers[c.lowers + k]]; };
    for (int k = 0; k < c.size; ++k) {
      const Term& t = terms[term_at(k)];
      if (!t.stopword) {
        sum_h += t.h;
        prod_h *= t.h;
        continue;
      }
      double p1 = 0.0, p2 = 0.0;
      if (k > 0)
        if (const double* e = counts.edge(term_at(k - 1), term_at(k))) p1 = *e / terms[term_at(k - 1)].tf;
      if (k + 1 < c.size)
        if (const double* e = counts.edge(term_at(k), term_at(k + 1))) p2 = *e / terms[term_at(k + 1)].tf;
      double prob = p1 * p2;
      prod_h *= 1 + (1 - prob);
      sum_h -= 1 - prob;
    }
    double denom = (sum_h + 1) * c.tf;
    if (denom == 0.0) return false;
    c.h = prod_h / denom;
    valid.push_back(static_cast<int>(i));
  }
  return true;
}

}  // namespace

YakeResult yake_candidates(const std::vector<std::vector<std::string>>& sentences,
                           const std::unordered_map<std::string, YakeTokenInfo>& non_ascii,
                           const std::unordered_set<std::string>& stopwords, const YakeOptions& options) {
  Counts counts(non_ascii, stopwords, options);
  const int n_sentences = static_cast<int>(sentences.size());
  for (int sid = 0; sid < n_sentences; ++sid) counts.add_sentence(sentences[sid], sid);

  YakeResult result;
  if (!score_terms(counts.terms, n_sentences)) return result;  // no valid term: no valid candidate either
  std::vector<int> valid;
  if (!score_candidates(counts, valid)) {
    result.failed = true;
    return result;
  }
  const std::vector<Candidate>& cands = counts.cands;
  std::stable_sort(valid.begin(), valid.end(), [&](int a, int b) { return cands[a].h < cands[b].h; });
  result.keywords.resize(valid.size());
  result.unique.resize(valid.size());
  result.scores.reserve(valid.size());
  for (std::size_t v = 0; v < valid.size(); ++v) {
    const Candidate& c = cands[valid[v]];
    for (int k = 0; k < c.size; ++k) {
      if (k > 0) {
        result.keywords[v].push_back(' ');
        result.unique[v].push_back(' ');
      }
      result.keywords[v] += sentences[c.sentence][c.pos + k];
      result.unique[v] += counts.lowers[counts.cand_lowers[c.lowers + k]];
    }
    result.scores.push_back(c.h);
  }
  return result;
}

}  // namespace textgauge
