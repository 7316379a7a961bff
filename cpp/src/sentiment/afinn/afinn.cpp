// AfinnScorer: afinn 0.1's regular expression as two byte tries (words and
// emoticons) walked once per candidate position. See afinn.hpp for the rules.
#include "textgauge/sentiment/afinn.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "textgauge/error.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/pystr/pystr.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// A byte trie of keys. Node 0 is the root, whose children sit in a direct
// table; other nodes keep their (byte, child) edges sorted in one array.
class Trie {
 public:
  void build(const std::vector<AfinnEntry>& entries, std::uint32_t first_id) {
    // Built through ordered maps, then flattened: a few thousand keys.
    std::vector<std::map<unsigned char, std::uint32_t>> kids(1);
    std::vector<std::uint32_t> term(1, kNone);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string& key = entries[i].key;
      if (key.empty()) continue;
      std::uint32_t node = 0;
      for (const char ch : key) {
        const auto b = static_cast<unsigned char>(ch);
        auto it = kids[node].find(b);
        if (it == kids[node].end()) {
          const auto child = static_cast<std::uint32_t>(kids.size());
          kids[node].emplace(b, child);
          kids.emplace_back();
          term.push_back(kNone);
          node = child;
        } else {
          node = it->second;
        }
      }
      term[node] = first_id + static_cast<std::uint32_t>(i);  // a key given twice: the caller dedups
    }
    root_.fill(kNone);
    for (const auto& [b, child] : kids[0]) root_[b] = child;
    terminal_ = std::move(term);
    first_.assign(kids.size() + 1, 0);
    dense_index_.assign(kids.size(), kNone);
    for (std::size_t n = 0; n < kids.size(); ++n) {
      first_[n] = static_cast<std::uint32_t>(edges_.size());
      for (const auto& [b, child] : kids[n]) edges_.push_back({b, child});
      if (kids[n].size() > kSparse) {
        // The first letters of words: a direct table spares a search at every word start.
        dense_index_[n] = static_cast<std::uint32_t>(dense_.size() / 256);
        dense_.resize(dense_.size() + 256, kNone);
        for (const auto& [b, child] : kids[n]) dense_[dense_.size() - 256 + b] = child;
      }
    }
    first_[kids.size()] = static_cast<std::uint32_t>(edges_.size());
  }

  bool empty() const noexcept { return edges_.empty(); }

  // Calls on_key(id, end) for every key that starts at s[p], shortest first.
  template <class F>
  void walk(std::string_view s, std::size_t p, F&& on_key) const {
    if (edges_.empty() || p >= s.size()) return;
    std::uint32_t node = root_[static_cast<unsigned char>(s[p])];
    std::size_t q = p + 1;
    while (node != kNone) {
      if (terminal_[node] != kNone) on_key(terminal_[node], q);
      if (q >= s.size()) return;
      node = child(node, static_cast<unsigned char>(s[q]));
      ++q;
    }
  }

 private:
  struct Edge {
    unsigned char byte;
    std::uint32_t child;
  };

  // Nodes with more children than this get a direct table; the others a short scan.
  static constexpr std::size_t kSparse = 6;

  std::uint32_t child(std::uint32_t node, unsigned char b) const noexcept {
    const std::uint32_t d = dense_index_[node];
    if (d != kNone) return dense_[std::size_t{d} * 256 + b];
    const Edge* lo = edges_.data() + first_[node];
    const Edge* hi = edges_.data() + first_[node + 1];
    for (; lo != hi; ++lo)
      if (lo->byte == b) return lo->child;
    return kNone;
  }

  std::array<std::uint32_t, 256> root_{};
  std::vector<std::uint32_t> terminal_;  // entry id ending at the node, or kNone
  std::vector<std::uint32_t> first_;     // edges of node n: [first_[n], first_[n + 1])
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> dense_index_;  // per node: its table in dense_, or kNone
  std::vector<std::uint32_t> dense_;        // 256 children per dense node
};

bool ascii_word(unsigned char b) noexcept {
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
}

}  // namespace

struct AfinnScorer::Impl {
  AfinnOptions options;
  const PyStr* py = nullptr;
  std::vector<std::int64_t> values;  // by entry id: words, then emoticons
  // Whether an entry's last code point is a `\w` character (`\b` after it).
  std::vector<std::uint8_t> last_word;
  std::size_t n_words = 0;
  Trie words, emoticons;

  bool word_at(std::string_view s, std::size_t q) const noexcept {
    if (q >= s.size()) return false;
    const auto b = static_cast<unsigned char>(s[q]);
    if (b < 0x80) return ascii_word(b);
    const char* p = s.data() + q;
    return py->is_word(decode_utf8(p, s.data() + s.size()));
  }

  // Length in bytes of the code point starting at s[q].
  static std::size_t cp_len(std::string_view s, std::size_t q) noexcept {
    const auto b = static_cast<unsigned char>(s[q]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    return std::min(n, s.size() - q);
  }

  // `re.sub(r"\s+", " ", text).lower()` into `out` (only `text.lower()` when
  // `!clean_whitespace`).
  void normalize(std::string_view text, std::string& out, std::string& scratch,
                 bool clean_whitespace = true) const {
    out.clear();
    if (!clean_whitespace) {
      py->lower(text, out);
      return;
    }
    if (is_ascii(text)) {
      out.reserve(text.size());
      bool in_space = false;
      for (const char ch : text) {
        const auto b = static_cast<unsigned char>(ch);
        if (py_isspace(b)) {
          if (!in_space) out.push_back(' ');
          in_space = true;
        } else {
          out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
          in_space = false;
        }
      }
      return;
    }
    // Collapsing whitespace first and lowering after gives what lowering
    // first would: whitespace is neither cased nor case-ignorable, so the
    // Final_Sigma context is the same, and lowering makes no whitespace.
    scratch.clear();
    scratch.reserve(text.size());
    bool in_space = false;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
      const char* start = p;
      const char32_t c = decode_utf8(p, end);
      if (py_isspace(c)) {
        if (!in_space) scratch.push_back(' ');
        in_space = true;
      } else {
        scratch.append(start, static_cast<std::size_t>(p - start));
        in_space = false;
      }
    }
    py->lower(scratch, out);
  }

  // The reference's findall over normalized text `s`.
  template <class Emit>
  void scan(std::string_view s, Emit&& emit) const {
    const bool boundaries = options.word_boundary;
    bool prev_word = false;  // `\w` of the code point before p
    std::size_t p = 0;
    while (p < s.size()) {
      const bool cur_word = word_at(s, p);
      std::uint32_t best = kNone;
      std::size_t best_end = 0;
      if (!boundaries || prev_word != cur_word) {
        words.walk(s, p, [&](std::uint32_t id, std::size_t q) {
          if (!boundaries || last_word[id] != word_at(s, q)) {
            best = id;
            best_end = q;
          }
        });
      }
      if (best == kNone) {
        emoticons.walk(s, p, [&](std::uint32_t id, std::size_t q) {
          best = id;
          best_end = q;
        });
      }
      if (best != kNone) {
        emit(best);
        prev_word = last_word[best] != 0;
        p = best_end;
      } else {
        prev_word = cur_word;
        p += cp_len(s, p);
      }
    }
  }
};

AfinnScorer::AfinnScorer(std::vector<AfinnEntry> words, std::vector<AfinnEntry> emoticons,
                         AfinnOptions options) {
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  impl->py = &PyStr::get(options.unicode_major, options.unicode_minor);
  impl->n_words = words.size();
  for (const auto* list : {&words, &emoticons}) {
    for (const auto& e : *list) {
      if (find_invalid_utf8(e.key) != std::string_view::npos)
        throw Error("AFINN entry " + std::to_string(impl->values.size()) + " is not valid UTF-8");
      impl->values.push_back(e.value);
      char32_t c = 0;
      const char* end = e.key.data() + e.key.size();
      for (const char* p = e.key.data(); p < end;) c = decode_utf8(p, end);
      impl->last_word.push_back(!e.key.empty() && impl->py->is_word(c));
    }
  }
  impl->words.build(words, 0);
  impl->emoticons.build(emoticons, static_cast<std::uint32_t>(words.size()));
  impl_ = std::move(impl);
}

AfinnScorer::~AfinnScorer() = default;
AfinnScorer::AfinnScorer(const AfinnScorer&) = default;
AfinnScorer& AfinnScorer::operator=(const AfinnScorer&) = default;

void AfinnScorer::find(std::string_view text, std::vector<std::uint32_t>& ids, bool clean_whitespace) const {
  std::string norm, scratch;
  impl_->normalize(text, norm, scratch, clean_whitespace);
  impl_->scan(norm, [&](std::uint32_t id) { ids.push_back(id); });
}

double AfinnScorer::score(std::string_view text) const {
  std::string norm, scratch;
  impl_->normalize(text, norm, scratch);
  std::int64_t sum = 0;
  impl_->scan(norm, [&](std::uint32_t id) { sum += impl_->values[id]; });
  return static_cast<double>(sum);
}

void AfinnScorer::score_batch(const std::vector<std::string_view>& texts, double* out, unsigned threads,
                              std::uint32_t* matches) const {
  const Impl& im = *impl_;
  parallel_chunks(texts.size(), 256, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    std::string norm, scratch;
    for (std::size_t i = b; i < e; ++i) {
      if (i + 2 < e) prefetch_text(texts[i + 2]);
      im.normalize(texts[i], norm, scratch);
      std::int64_t sum = 0;
      std::uint32_t n = 0;
      im.scan(norm, [&](std::uint32_t id) {
        sum += im.values[id];
        ++n;
      });
      out[i] = static_cast<double>(sum);
      if (matches) matches[i] = n;
    }
  });
}

void AfinnScorer::find_batch(const std::vector<std::string_view>& texts, std::vector<std::uint64_t>& offsets,
                             std::vector<std::uint32_t>& ids, unsigned threads, bool clean_whitespace) const {
  const Impl& im = *impl_;
  constexpr std::size_t chunk = 256;
  const std::size_t chunks = (texts.size() + chunk - 1) / chunk;
  std::vector<std::vector<std::uint32_t>> part_ids(chunks);
  std::vector<std::vector<std::uint64_t>> part_counts(chunks);
  parallel_chunks(texts.size(), chunk, threads, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::string norm, scratch;
    auto& got = part_ids[c];
    auto& counts = part_counts[c];
    for (std::size_t i = b; i < e; ++i) {
      im.normalize(texts[i], norm, scratch, clean_whitespace);
      const std::size_t before = got.size();
      im.scan(norm, [&](std::uint32_t id) { got.push_back(id); });
      counts.push_back(got.size() - before);
    }
  });
  // Merged by chunk index: the same arrays whatever the thread count.
  offsets.assign(1, 0);
  offsets.reserve(texts.size() + 1);
  ids.clear();
  for (std::size_t c = 0; c < chunks; ++c) {
    for (const auto n : part_counts[c]) offsets.push_back(offsets.back() + n);
    ids.insert(ids.end(), part_ids[c].begin(), part_ids[c].end());
  }
}

std::size_t AfinnScorer::word_count() const noexcept { return impl_->n_words; }
std::size_t AfinnScorer::emoticon_count() const noexcept { return impl_->values.size() - impl_->n_words; }
std::int64_t AfinnScorer::value(std::uint32_t id) const { return impl_->values.at(id); }
const AfinnOptions& AfinnScorer::options() const noexcept { return impl_->options; }

}  // namespace textgauge
