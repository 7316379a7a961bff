#include "textgauge/text/token_store.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "textgauge/error.hpp"

namespace textgauge {

namespace {

const unsigned char* bytes(std::string_view text) noexcept {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// Code points that start in text[from, to).
std::int64_t count_code_points(const unsigned char* p, std::size_t from, std::size_t to) noexcept {
  std::int64_t n = 0;
  for (std::size_t i = from; i < to; ++i) n += (p[i] & 0xC0u) != 0x80u;
  return n;
}

bool is_ascii(const unsigned char* p, std::size_t n) noexcept {
  unsigned char any = 0;
  for (std::size_t i = 0; i < n; ++i) any |= p[i];  // vectorised by the compiler
  return any < 0x80u;
}

}  // namespace

void TokenStore::push(std::uint64_t offset, std::uint8_t code, std::uint64_t length) {
  const std::size_t t = code_.size();
  if (t % kBlockTokens == 0) base_.push_back(offset);
  const std::uint64_t delta = offset - base_.back();  // tokens come in text order, documents in order
  if (delta >= kFar) far_.push_back(Long{t, offset});
  delta_.push_back(static_cast<std::uint16_t>(std::min<std::uint64_t>(delta, kFar)));
  if (length >= kLongLength) long_.push_back(Long{t, length});
  code_.push_back(code);
}

void TokenStore::add_document(std::string_view text, std::span<const Token> tokens) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max())
    throw Error("a document of " + std::to_string(text.size()) +
                " bytes: a Corpus holds documents of less than 4 GiB (split it into several)");
  const std::uint64_t base = doc_byte_.back();
  for (const Token& t : tokens) {
    const auto length = static_cast<std::uint64_t>(t.span.byte_end - t.span.byte_start);
    push(base + static_cast<std::uint64_t>(t.span.byte_start),
         static_cast<std::uint8_t>(static_cast<std::uint32_t>(t.kind) |
                                   std::min<std::uint64_t>(length, kLongLength) << 2),
         length);
  }
  tok_begin_.push_back(size());
  doc_byte_.push_back(base + text.size());
  const unsigned char* p = bytes(text);
  if (!is_ascii(p, text.size())) {
    std::uint32_t cp = 0;
    for (std::size_t b = 0; b <= text.size(); b += kCheckpointBytes) {
      cp_.push_back(cp);
      cp += static_cast<std::uint32_t>(count_code_points(p, b, std::min(text.size(), b + kCheckpointBytes)));
    }
  }
  cp_begin_.push_back(cp_.size());
}

void TokenStore::append(const TokenStore& other) {
  // Re-encoded: the other store's blocks of 256 tokens do not line up with ours.
  const std::size_t t0 = size(), c0 = cp_.size();
  const std::uint64_t b0 = doc_byte_.back();
  reserve(size() + other.size());
  for (std::size_t t = 0; t < other.size(); ++t)
    push(b0 + other.offset(t), other.code_[t], static_cast<std::uint64_t>(other.byte_length(t)));
  cp_.insert(cp_.end(), other.cp_.begin(), other.cp_.end());
  for (std::size_t d = 1; d < other.tok_begin_.size(); ++d) {
    tok_begin_.push_back(t0 + other.tok_begin_[d]);
    cp_begin_.push_back(c0 + other.cp_begin_[d]);
    doc_byte_.push_back(b0 + other.doc_byte_[d]);
  }
}

void TokenStore::truncate(std::size_t documents) {
  if (documents >= this->documents()) return;
  const std::size_t tokens = tok_begin_[documents];
  delta_.resize(tokens);
  code_.resize(tokens);
  base_.resize((tokens + kBlockTokens - 1) / kBlockTokens);
  for (auto* table : {&far_, &long_})
    while (!table->empty() && table->back().token >= tokens) table->pop_back();
  cp_.resize(cp_begin_[documents]);
  tok_begin_.resize(documents + 1);
  cp_begin_.resize(documents + 1);
  doc_byte_.resize(documents + 1);
}

void TokenStore::reserve(std::size_t tokens) {
  if (tokens <= code_.capacity()) return;
  tokens = std::max(tokens, code_.capacity() + code_.capacity() / 2);  // many small batches stay linear
  delta_.reserve(tokens);
  code_.reserve(tokens);
  base_.reserve(tokens / kBlockTokens + 1);
}

void TokenStore::shrink_to_fit() {
  for (auto* v : {&tok_begin_, &cp_begin_}) v->shrink_to_fit();
  for (auto* v : {&base_, &doc_byte_}) v->shrink_to_fit();
  for (auto* v : {&far_, &long_}) v->shrink_to_fit();
  delta_.shrink_to_fit();
  code_.shrink_to_fit();
  cp_.shrink_to_fit();
}

std::uint64_t TokenStore::find(const std::vector<Long>& table, std::size_t t) noexcept {
  const auto it = std::lower_bound(table.begin(), table.end(), t,
                                   [](const Long& l, std::size_t i) { return l.token < i; });
  return it->value;
}

std::uint64_t TokenStore::offset(std::size_t t) const noexcept {
  const std::uint16_t delta = delta_[t];
  return delta == kFar ? find(far_, t) : base_[t / kBlockTokens] + delta;
}

std::int64_t TokenStore::byte_length(std::size_t t) const noexcept {
  const std::uint32_t length = code_[t] >> 2;
  return length < kLongLength ? length : static_cast<std::int64_t>(find(long_, t));
}

std::int64_t TokenStore::code_point(std::size_t doc, std::string_view text,
                                    std::int64_t byte) const noexcept {
  if (ascii(doc)) return byte;
  const auto b = static_cast<std::size_t>(byte);
  const std::size_t i = b / kCheckpointBytes;
  return cp_[cp_begin_[doc] + i] + count_code_points(bytes(text), i * kCheckpointBytes, b);
}

Span TokenStore::span(std::size_t doc, std::string_view text, std::size_t t) const noexcept {
  Span s;
  s.byte_start = byte_start(doc, t);
  s.byte_end = s.byte_start + byte_length(t);
  if (ascii(doc)) {
    s.cp_start = s.byte_start;
    s.cp_end = s.byte_end;
  } else {
    s.cp_start = code_point(doc, text, s.byte_start);
    s.cp_end = s.cp_start + count_code_points(bytes(text), static_cast<std::size_t>(s.byte_start),
                                              static_cast<std::size_t>(s.byte_end));
  }
  return s;
}

std::size_t TokenStore::memory_bytes() const noexcept {
  return delta_.capacity() * sizeof(std::uint16_t) + code_.capacity() +
         (base_.capacity() + doc_byte_.capacity()) * sizeof(std::uint64_t) +
         (far_.capacity() + long_.capacity()) * sizeof(Long) + cp_.capacity() * sizeof(std::uint32_t) +
         (tok_begin_.capacity() + cp_begin_.capacity()) * sizeof(std::size_t);
}

std::size_t TokenOwners::sentence_of(std::size_t k) const noexcept {
  const std::size_t n = begin_.size();
  auto holds = [&](std::size_t s) { return s < n && begin_[s] <= k && (s + 1 == n || k < begin_[s + 1]); };
  if (holds(hint_)) return hint_;
  if (holds(hint_ + 1)) return ++hint_;
  const auto it = std::upper_bound(begin_.begin(), begin_.end(), k);
  hint_ = static_cast<std::size_t>(it - begin_.begin()) - 1;
  return hint_;
}

}  // namespace textgauge
