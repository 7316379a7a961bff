#include "textgauge/vocabulary.hpp"

#include <tsl/robin_map.h>

#include "textgauge/error.hpp"

namespace textgauge {

// Keys are ids; hashing and equality look the term up in the owning
// vocabulary's buffer, so the index stores no strings of its own.
struct Vocabulary::Index {
  struct Hash {
    using is_transparent = void;
    const Vocabulary* v;
    std::size_t operator()(id_type id) const noexcept { return Vocabulary::hash(v->term(id)); }
    std::size_t operator()(std::string_view s) const noexcept { return Vocabulary::hash(s); }
  };
  struct Eq {
    using is_transparent = void;
    const Vocabulary* v;
    bool operator()(id_type a, id_type b) const noexcept { return a == b; }
    bool operator()(id_type a, std::string_view b) const noexcept { return v->term(a) == b; }
    bool operator()(std::string_view a, id_type b) const noexcept { return a == v->term(b); }
  };
  // The value is unused; robin_map with a stored hash avoids rehashing terms on growth.
  tsl::robin_map<id_type, char, Hash, Eq, std::allocator<std::pair<id_type, char>>, true> map;
  explicit Index(const Vocabulary* v) : map(0, Hash{v}, Eq{v}) {}
};

Vocabulary::Vocabulary() : index_(std::make_unique<Index>(this)) {}
Vocabulary::~Vocabulary() = default;

// The index's functors point at their owner, so copies and moves rebuild it.
void Vocabulary::rebuild_index() {
  index_ = std::make_unique<Index>(this);
  index_->map.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) index_->map.emplace(static_cast<id_type>(i), 0);
}

Vocabulary::Vocabulary(const Vocabulary& other) : buffer_(other.buffer_), offsets_(other.offsets_) {
  rebuild_index();
}

Vocabulary& Vocabulary::operator=(const Vocabulary& other) {
  if (this != &other) {
    buffer_ = other.buffer_;
    offsets_ = other.offsets_;
    rebuild_index();
  }
  return *this;
}

Vocabulary::Vocabulary(Vocabulary&& other) noexcept
    : buffer_(std::move(other.buffer_)), offsets_(std::move(other.offsets_)) {
  rebuild_index();
  other.clear();
}

Vocabulary& Vocabulary::operator=(Vocabulary&& other) noexcept {
  if (this != &other) {
    buffer_ = std::move(other.buffer_);
    offsets_ = std::move(other.offsets_);
    rebuild_index();
    other.clear();
  }
  return *this;
}

void Vocabulary::clear() {
  buffer_.clear();
  offsets_.assign(1, 0);
  index_ = std::make_unique<Index>(this);
}

Vocabulary Vocabulary::from_buffer(std::string buffer, std::vector<std::int64_t> offsets) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != static_cast<std::int64_t>(buffer.size()))
    throw Error("vocabulary: offsets do not describe the buffer");
  Vocabulary v;
  v.buffer_ = std::move(buffer);
  v.offsets_ = std::move(offsets);
  for (std::size_t i = 0; i + 1 < v.offsets_.size(); ++i) {
    if (v.offsets_[i + 1] < v.offsets_[i])
      throw Error("vocabulary: offsets decrease at term " + std::to_string(i));
    if (!v.index_->map.emplace(static_cast<id_type>(i), 0).second)
      throw Error("vocabulary: duplicate term at " + std::to_string(i));
  }
  return v;
}

Vocabulary::id_type Vocabulary::intern(std::string_view term, std::uint64_t h) {
  auto it = index_->map.find(term, h);
  if (it != index_->map.end()) return it->first;
  const auto id = static_cast<id_type>(size());
  buffer_.append(term);
  offsets_.push_back(static_cast<std::int64_t>(buffer_.size()));
  index_->map.emplace(id, 0);
  return id;
}

Vocabulary::id_type Vocabulary::find(std::string_view term) const {
  auto it = index_->map.find(term, Vocabulary::hash(term));
  return it == index_->map.end() ? npos : it->first;
}

void Vocabulary::reserve(std::size_t n) {
  index_->map.reserve(n);
  offsets_.reserve(n + 1);
}

std::vector<Vocabulary::id_type> Vocabulary::merge(const Vocabulary& other) {
  std::vector<id_type> map(other.size());
  for (std::size_t i = 0; i < other.size(); ++i) map[i] = intern(other.term(static_cast<id_type>(i)));
  return map;
}

}  // namespace textgauge
