// AfinnScorer: afinn 0.1's regular expression as two byte tries (words and
// emoticons) walked at the positions where a match may start, and a hash
// table of the words that answers for most of them: the start of a plain
// ASCII word. See afinn.hpp for the rules.
#include "textgauge/sentiment/afinn.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <map>

#include "text/byte_masks.hpp"
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
  // Whether some key starts with byte b.
  bool starts_with(unsigned char b) const noexcept { return root_[b] != kNone; }

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

// Bytes past the end of a normalized text that may be read (not used).
constexpr std::size_t kPadding = 8;

// The word entries by their whole text, for the scan's shortcut at the start
// of an ASCII word (see Impl::scan): one hash probe per word instead of a trie
// step per byte. Besides the entries it holds, as prefixes, every run of an
// entry's bytes up to a byte that is not an ASCII word character ("can" of
// "can't stand", "does" and "does not" of "does not work"): a word found with
// `extends` set may be the start of a longer entry, which the trie decides.
class WordTable {
 public:
  struct Hit {
    std::uint32_t id = kNone;  // the entry equal to the word, or kNone
    bool extends = false;      // some entry continues the word with a non-word byte
  };

  void build(const std::vector<AfinnEntry>& entries) {
    std::vector<std::pair<std::string, Hit>> keys;
    std::map<std::string, std::size_t> at;
    auto add = [&](const std::string& k) -> Hit& {
      auto [it, fresh] = at.emplace(k, keys.size());
      if (fresh) keys.emplace_back(k, Hit{});
      return keys[it->second].second;
    };
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string& key = entries[i].key;
      if (key.empty()) continue;
      add(key).id = static_cast<std::uint32_t>(i);
      for (std::size_t j = 1; j < key.size(); ++j)
        if (!ascii_word(static_cast<unsigned char>(key[j]))) add(key.substr(0, j)).extends = true;
    }
    std::size_t size = 16;
    while (size < 2 * keys.size()) size *= 2;  // at most half full: short probe runs
    mask_ = size - 1;
    tags_.assign(size, 0);
    slots_.assign(size, Slot{});
    pool_.clear();
    for (const auto& [k, hit] : keys) {
      const std::string padded = k + std::string(kPadding, '\0');
      const std::uint32_t h = hash(padded.data(), k.size());
      std::size_t i = h & mask_;
      while (tags_[i] != 0) i = (i + 1) & mask_;
      tags_[i] = tag(h);
      slots_[i] = Slot{static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(k.size()), hit};
      pool_ += k;
    }
  }

  // The hash of s[0..n), read 8 bytes at a time: s[n..n + kPadding) must be
  // readable (their values do not matter).
  static std::uint32_t hash(const char* s, std::size_t n) noexcept {
    std::uint64_t h = n * 0x9E3779B97F4A7C15u;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) h = (h ^ bytes::load64(s + i)) * 0xFF51AFD7ED558CCDu;
    if (i < n) {
      // The bytes in the text before the bytes after it, whatever the byte order.
      const unsigned spare = 8 * static_cast<unsigned>(8 - (n - i));
      const std::uint64_t x = bytes::load64(s + i);
      const std::uint64_t kept =
          std::endian::native == std::endian::little ? x << spare >> spare : x >> spare << spare;
      h = (h ^ kept) * 0xFF51AFD7ED558CCDu;
    }
    return static_cast<std::uint32_t>(h >> 32);
  }

  // The entry (and prefix flag) of the word s[0..n), with kPadding readable
  // bytes after it.
  Hit find(const char* s, std::size_t n) const noexcept {
    const std::uint32_t h = hash(s, n);
    const std::uint16_t t = tag(h);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (tags_[i] == 0) return {};
      if (tags_[i] != t) continue;
      const Slot& slot = slots_[i];
      if (slot.len == n && std::memcmp(pool_.data() + slot.offset, s, n) == 0) return slot.hit;
    }
  }

 private:
  struct Slot {
    std::uint32_t offset = 0, len = 0;
    Hit hit;
  };
  // 16 bits of a key's hash, never 0 (an empty slot): most words of a text
  // are no entry, and their probes stay in this small array (16 KiB for the
  // English list), which the cache keeps.
  static std::uint16_t tag(std::uint32_t h) noexcept { return static_cast<std::uint16_t>(h >> 16 | 1); }

  std::vector<std::uint16_t> tags_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::string pool_;  // the keys' bytes
};

// Classes of a byte of normalized text, for the scan's shortcuts.
enum ByteClass : std::uint8_t {
  kWordByte = 1,    // ASCII `\w`
  kNonAscii = 2,    // part of a multi-byte code point: the exact path decides
  kWordFirst = 4,   // first byte of a word entry
  kEmoteFirst = 8,  // first byte of an emoticon
};

}  // namespace

// What scoring a text needs besides the scorer, kept across the texts of a
// batch so that their buffers are allocated once.
class Scratch {
 public:
  // Room for n bytes plus kPadding readable ones, not cleared: a text's bytes
  // are written over it.
  char* buffer(std::size_t n) {
    if (n + kPadding > capacity_) {
      capacity_ = std::max(n + kPadding, 2 * capacity_);
      data_.reset(new char[capacity_]);
      std::memset(data_.get(), 0, capacity_);  // once per growth: the padding is read, never used
    }
    return data_.get();
  }
  std::string text, collapsed;  // the non-ASCII path's lowered and collapsed text

 private:
  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;
};

struct AfinnScorer::Impl {
  AfinnOptions options;
  const PyStr* py = nullptr;
  std::vector<std::int64_t> values;  // by entry id: words, then emoticons
  // Whether an entry's last code point is a `\w` character (`\b` after it).
  std::vector<std::uint8_t> last_word;
  std::size_t n_words = 0;
  Trie words, emoticons;
  WordTable word_table;
  std::array<std::uint8_t, 256> byte_class{};
  // An ASCII byte as normalize() writes it: lowered, whitespace as ' '.
  std::array<char, 128> ascii_normal{};

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

  // `re.sub(r"\s+", " ", text).lower()` (only `text.lower()` when
  // `!clean_whitespace`), as a view of `work`'s buffer, which holds
  // kPadding readable bytes past the view's end for WordTable::hash().
  std::string_view normalize(std::string_view text, Scratch& work, bool clean_whitespace = true) const {
    if (clean_whitespace) {
      // ASCII, the common case: lowered and collapsed in one branch-free
      // pass, given up at the first byte that is not ASCII.
      char* out = work.buffer(text.size());
      std::size_t k = 0;
      bool in_space = false;
      std::size_t i = 0;
      for (; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b >= 0x80) break;
        const char lowered = ascii_normal[b];
        const bool space = lowered == ' ';
        out[k] = lowered;
        k += !(space && in_space);
        in_space = space;
      }
      if (i == text.size()) return {out, k};
    }
    std::string& lowered = work.text;
    lowered.clear();
    if (!clean_whitespace) {
      py->lower(text, lowered);
    } else {
      // Collapsing whitespace first and lowering after gives what lowering
      // first would: whitespace is neither cased nor case-ignorable, so the
      // Final_Sigma context is the same, and lowering makes no whitespace.
      std::string& collapsed = work.collapsed;
      collapsed.clear();
      collapsed.reserve(text.size());
      bool in_space = false;
      const char* p = text.data();
      const char* end = p + text.size();
      while (p < end) {
        const char* start = p;
        const char32_t c = decode_utf8(p, end);
        if (py_isspace(c)) {
          if (!in_space) collapsed.push_back(' ');
          in_space = true;
        } else {
          collapsed.append(start, static_cast<std::size_t>(p - start));
          in_space = false;
        }
      }
      py->lower(collapsed, lowered);
    }
    char* out = work.buffer(lowered.size());
    std::memcpy(out, lowered.data(), lowered.size());
    return {out, lowered.size()};
  }

  // The match at position p of normalized text `s`, as the reference's
  // regular expression decides it, given `\w` of the code point before p:
  // calls emit(id) and returns the match's end, or returns p when nothing
  // matches there.
  template <class Emit>
  std::size_t match_at(std::string_view s, std::size_t p, bool prev_word, Emit&& emit) const {
    const bool boundaries = options.word_boundary;
    std::uint32_t best = kNone;
    std::size_t best_end = p;
    if (!boundaries || prev_word != word_at(s, p)) {
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
    if (best != kNone) emit(best);
    return best_end;
  }

  // The reference's findall over normalized text `s` (a view that
  // normalize() returned: padded for the word table): match_at() at every
  // position where a match may start, the next position after a miss, the
  // end of a match after one. Positions where nothing can match are skipped
  // on their byte class; at the start of an ASCII word (with `\b`) the word
  // table answers in one probe unless the word may begin a longer entry.
  template <class Emit>
  void scan(std::string_view s, Emit&& emit) const {
    const std::size_t n = s.size();
    bool prev_word = false;  // `\w` of the code point before p
    std::size_t p = 0;
    auto exact = [&] {
      const std::size_t q = match_at(s, p, prev_word, [&](std::uint32_t id) {
        emit(id);
        prev_word = last_word[id] != 0;
      });
      if (q != p) {
        p = q;
      } else {
        prev_word = word_at(s, p);
        p += cp_len(s, p);
      }
    };
    if (!options.word_boundary) {
      while (p < n) exact();
      return;
    }
    while (p < n) {
      const std::uint8_t c = byte_class[static_cast<unsigned char>(s[p])];
      if (c & kNonAscii) {
        exact();
        continue;
      }
      const bool cur_word = (c & kWordByte) != 0;
      if (cur_word != prev_word && (c & kWordFirst)) {
        if (!cur_word) {  // an entry that starts with a non-word character
          exact();
          continue;
        }
        // `\b` before an ASCII word s[p..w): an entry that matches here ends
        // at w (inside the word no `\b` follows a word character) or, when
        // the word table says so, runs on past it.
        std::size_t w = p + 1;
        while (w < n && (byte_class[static_cast<unsigned char>(s[w])] & kWordByte)) ++w;
        if (w < n && (byte_class[static_cast<unsigned char>(s[w])] & kNonAscii)) {
          exact();  // whether `\b` holds at w takes Unicode's `\w`
          continue;
        }
        const WordTable::Hit hit = word_table.find(s.data() + p, w - p);
        if (hit.extends) {
          exact();
          continue;
        }
        if (hit.id != kNone) {
          emit(hit.id);
          prev_word = true;
          p = w;
          continue;
        }
        if (emoticons.empty()) {  // no word matched at p, and none starts inside the word
          prev_word = true;
          p = w;
          continue;
        }
      }
      if (c & kEmoteFirst) {
        // No word entry starts here: only an emoticon can.
        std::uint32_t best = kNone;
        std::size_t best_end = p;
        emoticons.walk(s, p, [&](std::uint32_t id, std::size_t q) {
          best = id;
          best_end = q;
        });
        if (best != kNone) {
          emit(best);
          prev_word = last_word[best] != 0;
          p = best_end;
          continue;
        }
      }
      prev_word = cur_word;
      ++p;
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
  impl->word_table.build(words);
  for (unsigned b = 0; b < 256; ++b) {
    std::uint8_t c = b >= 0x80 ? kNonAscii : ascii_word(static_cast<unsigned char>(b)) ? kWordByte : 0;
    if (impl->words.starts_with(static_cast<unsigned char>(b))) c |= kWordFirst;
    if (impl->emoticons.starts_with(static_cast<unsigned char>(b))) c |= kEmoteFirst;
    impl->byte_class[b] = c;
  }
  for (unsigned b = 0; b < 128; ++b)
    impl->ascii_normal[b] = static_cast<char>(py_isspace(b) ? ' ' : b >= 'A' && b <= 'Z' ? b + 32 : b);
  impl_ = std::move(impl);
}

AfinnScorer::~AfinnScorer() = default;
AfinnScorer::AfinnScorer(const AfinnScorer&) = default;
AfinnScorer& AfinnScorer::operator=(const AfinnScorer&) = default;

void AfinnScorer::find(std::string_view text, std::vector<std::uint32_t>& ids, bool clean_whitespace) const {
  Scratch work;
  impl_->scan(impl_->normalize(text, work, clean_whitespace), [&](std::uint32_t id) { ids.push_back(id); });
}

double AfinnScorer::score(std::string_view text) const {
  Scratch work;
  std::int64_t sum = 0;
  impl_->scan(impl_->normalize(text, work), [&](std::uint32_t id) { sum += impl_->values[id]; });
  return static_cast<double>(sum);
}

void AfinnScorer::score_batch(const std::vector<std::string_view>& texts, double* out, unsigned threads,
                              std::uint32_t* matches) const {
  const Impl& im = *impl_;
  parallel_chunks(texts.size(), 256, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    Scratch work;
    for (std::size_t i = b; i < e; ++i) {
      if (i + 2 < e) prefetch_text(texts[i + 2]);
      std::int64_t sum = 0;
      std::uint32_t n = 0;
      im.scan(im.normalize(texts[i], work), [&](std::uint32_t id) {
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
    Scratch work;
    auto& got = part_ids[c];
    auto& counts = part_counts[c];
    for (std::size_t i = b; i < e; ++i) {
      const std::size_t before = got.size();
      im.scan(im.normalize(texts[i], work, clean_whitespace), [&](std::uint32_t id) { got.push_back(id); });
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
