#include "textgauge/vocabulary.hpp"

namespace textgauge {

Vocabulary::id_type Vocabulary::intern(std::string_view term) {
  auto it = ids_.find(term);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<id_type>(terms_.size());
  auto [pos, inserted] = ids_.emplace(std::string(term), id);
  terms_.push_back(&pos->first);
  return id;
}

Vocabulary::id_type Vocabulary::find(std::string_view term) const {
  auto it = ids_.find(term);
  return it == ids_.end() ? npos : it->second;
}

void Vocabulary::reserve(std::size_t n) {
  ids_.reserve(n);
  terms_.reserve(n);
}

std::vector<Vocabulary::id_type> Vocabulary::merge(const Vocabulary& other) {
  std::vector<id_type> map(other.size());
  for (std::size_t i = 0; i < other.size(); ++i) map[i] = intern(other.term(static_cast<id_type>(i)));
  return map;
}

}  // namespace textgauge
