#pragma once
// FlatMap: the core's open-addressing map for counting and interning under
// integer keys (term ids, packed pairs of ids, fixed-size n-grams of ids).
//
// One array of (key, value) slots, side by side so that a probe reads one
// cache line; power-of-two capacity, linear probing, load at most 1/2 (the
// table doubles before an insert would pass it). An empty slot holds a key
// that never occurs (Traits::empty()), so no byte of state is spent on
// occupancy. prefetch(key) starts loading the slot where a lookup of `key`
// will begin: counting loops call it a few tokens ahead, which hides most of
// the cache misses of a table of tens of MiB. clear() empties the table and
// keeps its memory, for a table reused chunk after chunk. The allocator is a
// template (common/huge_pages.hpp: 2 MiB pages for the big tables).
//
// Iteration (for_each) is in slot order, which depends on the hash: whatever
// is made from it in an order must sort, or follow ids given in order of first
// occurrence.
//
// Why not boost::unordered_flat_map (Boost >= 1.81), as fast or faster on its
// own: Debian 12's libboost-dev is 1.74 (1.81 only as the separate
// libboost1.81-dev, a new system dependency of every source build, pip's
// included), and it has no public way to prefetch the slot of a key ahead of
// its lookup, which the counting loops rely on. Debian 13 ships 1.83 as its
// libboost-dev: worth measuring again once the project builds there.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "textgauge/hash.hpp"

namespace textgauge {

// Hash and empty key of an unsigned integer key: its largest value never
// occurs (ids and pairs of ids are non-negative). Traits of a wider key may
// add is_empty(key), a cheaper test than comparing with empty() (one field
// of the key), which the probes then use.
template <class Key>
struct FlatMapTraits {
  static_assert(std::is_integral_v<Key> && std::is_unsigned_v<Key>,
                "FlatMap keys are unsigned integers; give other keys their own traits");
  static constexpr Key empty() noexcept { return std::numeric_limits<Key>::max(); }
  static std::uint64_t hash(Key k) noexcept { return hash_mix(k); }
};

template <class Key, class Value, class Traits = FlatMapTraits<Key>,
          template <class> class Alloc = std::allocator>
class FlatMap {
 public:
  explicit FlatMap(std::size_t expected = 0) { slots_.assign(capacity_for(expected), Slot{}); }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::size_t capacity() const noexcept { return slots_.size(); }

  // The value of `k`, inserting `value` first if `k` is absent; the bool says
  // whether it was inserted. The reference lasts until the next insert.
  std::pair<Value&, bool> try_emplace(const Key& k, const Value& value = Value{}) {
    std::size_t i = find_slot(k);
    if (!is_empty(slots_[i].key)) return {slots_[i].value, false};
    if (2 * (size_ + 1) > slots_.size()) {
      grow();
      i = find_slot(k);
    }
    slots_[i].key = k;
    slots_[i].value = value;
    ++size_;
    return {slots_[i].value, true};
  }
  Value& operator[](const Key& k) { return try_emplace(k).first; }

  // nullptr when `k` is absent.
  Value* find(const Key& k) noexcept {
    Slot& s = slots_[find_slot(k)];
    return is_empty(s.key) ? nullptr : &s.value;
  }
  const Value* find(const Key& k) const noexcept {
    const Slot& s = slots_[find_slot(k)];
    return is_empty(s.key) ? nullptr : &s.value;
  }

  // Starts loading the slot where a lookup of `k` begins (a hint: no effect
  // on the contents).
  void prefetch(const Key& k) const noexcept {
#if defined(__GNUC__)
    __builtin_prefetch(&slots_[Traits::hash(k) & mask()]);
#else
    (void)k;
#endif
  }

  // Empties a table that holds exactly `keys` (each once), touching only
  // their slots when they are few: a table reused batch after batch keeps
  // the capacity of its largest batch, and clear() would sweep all of it
  // after every small one (a fifth of the partitioned n-gram count). The
  // slots are all found before any is emptied: emptying as it goes would
  // cut the probe chains of the keys still to be found.
  template <class Keys>
  void clear_keys(const Keys& keys) {
    if (keys.size() * 8 >= slots_.size()) {
      clear();
      return;
    }
    std::vector<std::size_t> at;
    at.reserve(keys.size());
    for (const Key& k : keys) at.push_back(find_slot(k));
    for (const std::size_t i : at) slots_[i] = Slot{};
    size_ = 0;
  }

  // Empties the table; its memory stays for the next use.
  void clear() noexcept {
    if (size_ == 0) return;
    for (Slot& s : slots_) s = Slot{};
    size_ = 0;
  }

  // fn(key, value) for every key, in slot order, emptying each slot as it
  // goes: a table reused for one batch of keys after another is cleared by
  // the pass that reads it out, not by a second sweep (clear()).
  template <class Fn>
  void drain(Fn&& fn) {
    if (size_ == 0) return;
    for (Slot& s : slots_) {
      if (is_empty(s.key)) continue;
      fn(s.key, s.value);
      s = Slot{};
    }
    size_ = 0;
  }

  // Room for `n` keys without growing.
  void reserve(std::size_t n) {
    if (capacity_for(n) > slots_.size()) rehash(capacity_for(n));
  }

  // fn(key, value) for every key, in slot order (see above).
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const Slot& s : slots_)
      if (!is_empty(s.key)) fn(s.key, s.value);
  }

 private:
  struct Slot {
    Key key = Traits::empty();
    Value value{};
  };

  static std::size_t capacity_for(std::size_t n) noexcept {
    std::size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    return cap;
  }
  static bool is_empty(const Key& k) noexcept {
    if constexpr (requires { Traits::is_empty(k); })
      return Traits::is_empty(k);
    else
      return k == Traits::empty();
  }
  std::size_t mask() const noexcept { return slots_.size() - 1; }
  // The slot holding `k`, or the empty slot where it would go.
  std::size_t find_slot(const Key& k) const noexcept {
    const std::size_t m = mask();
    std::size_t i = Traits::hash(k) & m;
    while (!is_empty(slots_[i].key) && !(slots_[i].key == k)) i = (i + 1) & m;
    return i;
  }
  void grow() { rehash(slots_.size() * 2); }
  void rehash(std::size_t cap) {
    std::vector<Slot, Alloc<Slot>> old(cap);
    old.swap(slots_);
    const std::size_t m = mask();
    for (const Slot& s : old) {
      if (is_empty(s.key)) continue;
      std::size_t i = Traits::hash(s.key) & m;
      while (!is_empty(slots_[i].key)) i = (i + 1) & m;
      slots_[i] = s;
    }
  }

  std::vector<Slot, Alloc<Slot>> slots_;
  std::size_t size_ = 0;
};

}  // namespace textgauge
