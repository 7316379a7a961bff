#pragma once
// Interned terms. Each distinct string gets a dense id, in order of first
// occurrence; engines work on id arrays, never on strings.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace textgauge {

class Vocabulary {
 public:
  using id_type = std::int32_t;
  static constexpr id_type npos = -1;

  // Id of `term`, adding it when new.
  id_type intern(std::string_view term);
  // Id of `term`, or npos.
  id_type find(std::string_view term) const;
  const std::string& term(id_type id) const { return *terms_[static_cast<std::size_t>(id)]; }
  std::size_t size() const noexcept { return terms_.size(); }
  void reserve(std::size_t n);

  // Adds every term of `other` (in its order) and returns, for each id of
  // `other`, the id in this vocabulary. Merging per-thread vocabularies in a
  // fixed order makes ids independent of the thread count.
  std::vector<id_type> merge(const Vocabulary& other);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, id_type, Hash, std::equal_to<>> ids_;
  std::vector<const std::string*> terms_;  // keys of ids_: node-based, so the pointers are stable
};

}  // namespace textgauge
