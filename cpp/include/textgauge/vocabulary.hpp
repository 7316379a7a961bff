#pragma once
// Interned terms. Each distinct string gets a dense id, in order of first
// occurrence; engines work on id arrays, never on strings.
//
// Terms live back to back in one UTF-8 buffer with an offsets array, which is
// also the compact serialised form (no object per term when pickled).
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace textgauge {

class Vocabulary {
 public:
  using id_type = std::int32_t;
  static constexpr id_type npos = -1;

  Vocabulary();
  ~Vocabulary();
  Vocabulary(const Vocabulary&);
  Vocabulary& operator=(const Vocabulary&);
  Vocabulary(Vocabulary&&) noexcept;
  Vocabulary& operator=(Vocabulary&&) noexcept;

  // Rebuilds a vocabulary from its serialised form (see buffer() / offsets()).
  // Throws textgauge::Error on inconsistent input or a duplicate term.
  static Vocabulary from_buffer(std::string buffer, std::vector<std::int64_t> offsets);

  // Id of `term`, adding it when new.
  id_type intern(std::string_view term) { return intern(term, hash(term)); }
  // The same with hash(term) already computed (hot loops fuse it with other work).
  id_type intern(std::string_view term, std::uint64_t hash);
  // The hash the index uses. Terms are short (5-10 bytes): a multiply-xorshift
  // over 8-byte words beats a general byte hash here, and robin hood probing
  // copes with its weaker distribution. Ids never depend on it (they follow
  // first occurrence).
  static std::uint64_t hash(std::string_view term) noexcept {
    std::uint64_t h = hash_start(term.size());
    const char* p = term.data();
    std::size_t n = term.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      h = hash_mix(h, w);
    }
    if (n) {
      char tail[8] = {};
      for (std::size_t k = 0; k < n; ++k) tail[k] = p[k];
      std::uint64_t w;
      std::memcpy(&w, tail, 8);
      h = hash_mix(h, w);
    }
    return hash_finish(h);
  }
  // The steps of hash(), for loops that compute it while transforming the
  // bytes (ASCII lowercasing): start, mix each 8-byte word (the last one
  // zero-padded), finish.
  static constexpr std::uint64_t hash_k = 0x9E3779B97F4A7C15ULL;
  static std::uint64_t hash_start(std::size_t size) noexcept { return size * hash_k; }
  static std::uint64_t hash_mix(std::uint64_t h, std::uint64_t word) noexcept {
    h = (h ^ word) * hash_k;
    return h ^ (h >> 29);
  }
  static std::uint64_t hash_finish(std::uint64_t h) noexcept { return h * hash_k ^ (h >> 32); }
  // Id of `term`, or npos.
  id_type find(std::string_view term) const;
  std::string_view term(id_type id) const {
    const auto i = static_cast<std::size_t>(id);
    return std::string_view(buffer_).substr(static_cast<std::size_t>(offsets_[i]),
                                            static_cast<std::size_t>(offsets_[i + 1] - offsets_[i]));
  }
  std::size_t size() const noexcept { return offsets_.size() - 1; }
  void reserve(std::size_t n);

  // All terms concatenated, and n+1 offsets into it: term i is
  // buffer[offsets[i], offsets[i+1]).
  const std::string& buffer() const noexcept { return buffer_; }
  const std::vector<std::int64_t>& offsets() const noexcept { return offsets_; }

  // Adds every term of `other` (in its order) and returns, for each id of
  // `other`, the id in this vocabulary. Merging per-thread vocabularies in a
  // fixed order makes ids independent of the thread count.
  std::vector<id_type> merge(const Vocabulary& other);

  void clear();

 private:
  void rebuild_index();
  struct Index;  // the hash index from term to id (tsl::robin_map, kept out of this header)
  std::string buffer_;
  std::vector<std::int64_t> offsets_{0};
  std::unique_ptr<Index> index_;
};

}  // namespace textgauge
