#pragma once
// Interned terms. Each distinct string gets a dense id, in order of first
// occurrence; engines work on id arrays, never on strings.
//
// Terms live back to back in one UTF-8 buffer with an offsets array (a
// StringTable), which is also the compact serialised form (no object per term
// when pickled). Every engine that interns strings (corpus tokens, sklearn-mode
// features, fixed vocabularies) uses this one class.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "textgauge/hash.hpp"

namespace textgauge {

// Strings back to back in one buffer: string i is bytes[offsets[i] ..
// offsets[i+1]).
struct StringTable {
  std::string bytes;
  std::vector<std::int64_t> offsets{0};
  std::size_t size() const noexcept { return offsets.size() - 1; }
  std::string_view operator[](std::size_t i) const noexcept {
    return {bytes.data() + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
  void push(std::string_view s) {
    bytes.append(s);
    offsets.push_back(static_cast<std::int64_t>(bytes.size()));
  }
};

namespace detail {

inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// A key's hash starts from the seed of its length (see textgauge/hash.hpp):
// each 8-byte word then costs one hash_combine, a term of up to 8 bytes one
// multiply in all. Slots are picked by the top bits of the hash, tags taken
// from its middle bits; hash_combine mixes every input bit into both.
inline std::uint64_t length_seed(std::size_t size) noexcept { return kHashSeed + size; }

}  // namespace detail

// Keys are built from little-endian loads (the bytes of a term are the low
// bytes of its prefix).
static_assert(std::endian::native == std::endian::little, "textgauge assumes a little-endian machine");

class Vocabulary {
 public:
  using id_type = std::int32_t;
  static constexpr id_type npos = -1;

  Vocabulary();

  // Rebuilds a vocabulary from its serialised form (see buffer() / offsets()).
  // Throws textgauge::Error on inconsistent input or a duplicate term.
  static Vocabulary from_buffer(std::string buffer, std::vector<std::int64_t> offsets);
  static Vocabulary from_table(StringTable table);

  // A term with its hash computed, for loops that have the term's bytes in
  // a register already (see Key::short_term).
  struct Key {
    Key() = default;
    explicit Key(std::string_view term) noexcept;
    // A term of at most 8 bytes given as those bytes in memory order (as a
    // little-endian load reads them), zero padded: no buffer needed.
    static Key short_term(std::uint64_t bytes, std::size_t size) noexcept;
    // The hash of such a term.
    static std::uint64_t short_hash(std::uint64_t bytes, std::size_t size) noexcept {
      return hash_combine(detail::length_seed(size), bytes);
    }
    std::uint64_t prefix = 0, hash = 0;  // the first 8 bytes, zero padded
    const char* data = nullptr;          // the bytes (needed when size > 8)
    std::size_t size = 0;
  };

  // Id of `term`, adding it when new.
  id_type intern(std::string_view term) { return lookup<true>(Key(term)); }
  id_type intern(const Key& key) { return lookup<true>(key); }
  // Starts loading the index slot where a lookup of `key` begins: code that
  // has the keys of several terms at hand issues these first, so that the
  // lookups' cache misses overlap instead of following one another.
  void prefetch(const Key& key) const noexcept {
#if defined(__GNUC__)
    __builtin_prefetch(&slots_[home(key.hash)]);
#endif
  }
  // Id of `term`, or npos.
  id_type find(std::string_view term) const noexcept {
    return const_cast<Vocabulary*>(this)->lookup<false>(Key(term));
  }

  std::string_view term(id_type id) const noexcept { return table_[static_cast<std::size_t>(id)]; }
  std::size_t size() const noexcept { return table_.size(); }
  void reserve(std::size_t n);

  // All terms concatenated, and n+1 offsets into it: term i is
  // buffer[offsets[i], offsets[i+1]).
  const std::string& buffer() const noexcept { return table_.bytes; }
  const std::vector<std::int64_t>& offsets() const noexcept { return table_.offsets; }
  const StringTable& table() const noexcept { return table_; }

  // Adds every term of `other` (in its order) and returns, for each id of
  // `other`, the id in this vocabulary. Merging per-thread vocabularies in a
  // fixed order makes ids independent of the thread count.
  std::vector<id_type> merge(const Vocabulary& other);

  void clear();

  // The hash the index uses (ids never depend on it: they follow first occurrence).
  static std::uint64_t hash(std::string_view term) noexcept { return Key(term).hash; }

 private:
  // Open addressing with linear probing, at most 3/4 full: a found term
  // takes 2.5 probes on average, mostly within one cache line, and the index
  // of a news vocabulary stays half the size it has at 1/2 (faster overall:
  // it is the part that misses the cache). A slot holds the
  // term's first 8 bytes (zero padded) and its length next to its id, so a
  // lookup of a term of up to 8 bytes -- most tokens of running text -- reads
  // one slot and never the term buffer; longer terms compare the rest there.
  // 16-byte slots: four per cache line.
  struct Slot {
    std::uint64_t prefix = 0;
    std::uint32_t meta = 0;  // high 24 bits: hash tag (hash bits 16-39); low 8 bits: min(length, 255)
    id_type id = npos;       // npos: empty
  };
  static std::uint32_t slot_meta(const Key& key) noexcept {
    return (static_cast<std::uint32_t>(key.hash >> 16) << 8) |
           static_cast<std::uint32_t>(key.size < 255 ? key.size : 255);
  }
  // Inline: it runs once per token of a corpus.
  template <bool Insert>
  id_type lookup(const Key& key) {
    const std::uint32_t meta = slot_meta(key);
    for (std::size_t i = home(key.hash);; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id < 0) {
        if constexpr (Insert)
          return insert(key, i);
        else
          return npos;
      }
      // Equal prefix and length settle terms of up to 8 bytes; the length byte
      // saturates at 255, so longer terms always compare the rest.
      if (slot.meta == meta && slot.prefix == key.prefix && (key.size <= 8 || rest_equal(slot.id, key)))
        return slot.id;
    }
  }
  // Whether term `id` (of the key's length and prefix) equals the key beyond
  // its first 8 bytes: 8-byte words, the last one overlapping, no libc call.
  bool rest_equal(id_type id, const Key& key) const noexcept {
    const char* t = table_.bytes.data() + table_.offsets[static_cast<std::size_t>(id)];
    for (std::size_t i = 8; i + 8 < key.size; i += 8)
      if (detail::load64(t + i) != detail::load64(key.data + i)) return false;
    return detail::load64(t + key.size - 8) == detail::load64(key.data + key.size - 8);
  }
  id_type insert(const Key& key, std::size_t slot);  // into the empty slot the lookup ended at
  void grow();
  StringTable table_;
  std::vector<Slot> slots_;
  std::size_t home(std::uint64_t hash) const noexcept { return static_cast<std::size_t>(hash >> shift_); }
  std::size_t mask_;
  int shift_;  // 64 - log2(slots)
};

inline Vocabulary::Key Vocabulary::Key::short_term(std::uint64_t bytes, std::size_t size) noexcept {
  Key k;
  k.prefix = bytes;
  k.hash = short_hash(bytes, size);
  k.size = size;
  return k;
}

inline Vocabulary::Key::Key(std::string_view term) noexcept : data(term.data()), size(term.size()) {
  const char* p = term.data();
  const std::size_t n = term.size();
  // The first 8 bytes, zero padded, without a variable-length copy.
  if (n >= 8) {
    prefix = detail::load64(p);
  } else if (n > 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);  // bytes [n-4, n): shift out those already in `lo`
    prefix = lo | (static_cast<std::uint64_t>(hi >> (8 * (8 - n))) << 32);
  } else {
    for (std::size_t k = 0; k < n; ++k)
      prefix |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
  }
  std::uint64_t h = hash_combine(detail::length_seed(n), prefix);  // short_hash(prefix, n)
  if (n > 8) {
    const char* q = p + 8;
    std::size_t rest = n - 8;
    while (rest > 8) {
      h = hash_combine(h, detail::load64(q));
      q += 8;
      rest -= 8;
    }
    h = hash_combine(h, detail::load64(p + n - 8));  // the last 8 bytes (may overlap)
  }
  hash = h;
}

}  // namespace textgauge
