#include "textgauge/text/vocabulary.hpp"

#include <bit>
#include <cstring>

#include "textgauge/error.hpp"

namespace textgauge {

namespace {
constexpr std::size_t kInitialSlots = 1024;
}  // namespace

Vocabulary::Vocabulary()
    : slots_(kInitialSlots), mask_(kInitialSlots - 1), shift_(64 - std::countr_zero(kInitialSlots)) {}

Vocabulary::id_type Vocabulary::insert(const Key& key, std::size_t i) {
  if (size() >= 0x7FFFFFFE) throw Error("vocabulary larger than 2^31 - 2 terms");
  const auto id = static_cast<id_type>(size());
  // Short keys may carry their bytes in the prefix only.
  table_.push(key.size <= 8 ? std::string_view(reinterpret_cast<const char*>(&key.prefix), key.size)
                            : std::string_view(key.data, key.size));
  slots_[i] = Slot{key.prefix, slot_meta(key), id};
  if (size() * 4 > slots_.size() * 3) grow();  // at most 3/4 full (see Slot)
  return id;
}

void Vocabulary::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  shift_ = 64 - std::countr_zero(slots_.size());
  for (const Slot& slot : old) {
    if (slot.id < 0) continue;
    std::size_t i = home(Key(term(slot.id)).hash);
    while (slots_[i].id >= 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
}

void Vocabulary::reserve(std::size_t n) {
  table_.offsets.reserve(n + 1);
  std::size_t want = slots_.size();
  while (want * 3 < 4 * n) want *= 2;  // n terms leave it at most 3/4 full
  if (want == slots_.size()) return;
  slots_.resize(want / 2);  // grow() doubles it and re-places every term
  mask_ = slots_.size() - 1;
  grow();
}

void Vocabulary::clear() {
  table_ = StringTable{};
  slots_.assign(kInitialSlots, Slot{});
  mask_ = kInitialSlots - 1;
  shift_ = 64 - std::countr_zero(kInitialSlots);
}

Vocabulary Vocabulary::from_table(StringTable table) {
  if (table.offsets.empty() || table.offsets.front() != 0 ||
      table.offsets.back() != static_cast<std::int64_t>(table.bytes.size()))
    throw Error("vocabulary: offsets do not describe the buffer");
  for (std::size_t i = 0; i + 1 < table.offsets.size(); ++i)
    if (table.offsets[i + 1] < table.offsets[i])
      throw Error("vocabulary: offsets decrease at term " + std::to_string(i));
  Vocabulary v;
  v.reserve(table.size());
  for (std::size_t i = 0; i < table.size(); ++i)
    if (v.intern(table[i]) != static_cast<id_type>(i))
      throw Error("vocabulary: duplicate term at " + std::to_string(i));
  return v;
}

Vocabulary Vocabulary::from_buffer(std::string buffer, std::vector<std::int64_t> offsets) {
  StringTable t;
  t.bytes = std::move(buffer);
  t.offsets = std::move(offsets);
  return from_table(std::move(t));
}

std::vector<Vocabulary::id_type> Vocabulary::merge(const Vocabulary& other) {
  std::vector<id_type> map(other.size());
  for (std::size_t i = 0; i < other.size(); ++i) map[i] = intern(other.term(static_cast<id_type>(i)));
  return map;
}

}  // namespace textgauge
