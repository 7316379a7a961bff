// The span map of cleaning: pieces, composition, lookups (see text/clean.hpp).
#include <algorithm>

#include "textgauge/error.hpp"
#include "textgauge/text/clean.hpp"

namespace textgauge {

SpanMap SpanMap::identity(std::int64_t size) {
  SpanMap m;
  m.copy(size);
  return m;
}

bool SpanMap::is_identity() const noexcept {
  return pieces_.empty() || (pieces_.size() == 1 && pieces_[0].copy);
}

// Appends a piece, merging copies with copies; pieces whose original runs
// would overlap (two cleaned runs made from parts of one replacement) merge
// into one replacement, so original spans never go backwards.
void SpanMap::push(CleanPiece p) {
  p.clean_begin = clean_size_;
  if (p.clean_len == 0 && p.orig_len == 0) return;
  if (!pieces_.empty()) {
    CleanPiece& last = pieces_.back();
    if (p.orig_begin < last.orig_begin + last.orig_len) {  // overlap: one replacement
      const std::int64_t end = std::max(last.orig_begin + last.orig_len, p.orig_begin + p.orig_len);
      last.copy = false;
      last.clean_len += p.clean_len;
      last.orig_len = end - last.orig_begin;
      clean_size_ += p.clean_len;
      orig_size_ = end;
      return;
    }
    if (p.orig_begin > last.orig_begin + last.orig_len) {  // a gap: deleted original text
      const std::int64_t gap_begin = last.orig_begin + last.orig_len;
      pieces_.push_back({clean_size_, 0, gap_begin, p.orig_begin - gap_begin, false});
    } else if (p.copy && pieces_.back().copy) {
      pieces_.back().clean_len += p.clean_len;
      pieces_.back().orig_len += p.orig_len;
      clean_size_ += p.clean_len;
      orig_size_ = p.orig_begin + p.orig_len;
      return;
    }
  } else if (p.orig_begin > 0) {
    pieces_.push_back({0, 0, 0, p.orig_begin, false});
  }
  pieces_.push_back(p);
  clean_size_ += p.clean_len;
  orig_size_ = p.orig_begin + p.orig_len;
}

void SpanMap::copy(std::int64_t len) {
  if (len > 0) push({0, len, orig_size_, len, true});
}

void SpanMap::replace(std::int64_t orig_len, std::int64_t clean_len) {
  push({0, clean_len, orig_size_, orig_len, false});
}

const CleanPiece& SpanMap::piece_at(std::int64_t clean_byte) const {
  // The last piece starting at or before the byte: pieces of length 0 at the
  // same offset come before the piece that holds it.
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), clean_byte,
                             [](std::int64_t b, const CleanPiece& p) { return b < p.clean_begin; });
  if (it == pieces_.begin() || clean_byte < 0 || clean_byte >= clean_size_)
    throw Error("offset " + std::to_string(clean_byte) + " outside the cleaned text");
  return *std::prev(it);
}

std::int64_t SpanMap::original_start(std::int64_t start) const {
  if (pieces_.empty()) return start;
  if (start >= clean_size_) return orig_size_;
  const CleanPiece& p = piece_at(start);
  return p.copy ? p.orig_begin + (start - p.clean_begin) : p.orig_begin;
}

std::int64_t SpanMap::original_end(std::int64_t end) const {
  if (pieces_.empty()) return end;
  if (end <= 0) return original_start(0);
  const CleanPiece& p = piece_at(end - 1);
  return p.copy ? p.orig_begin + (end - p.clean_begin) : p.orig_begin + p.orig_len;
}

SpanMap SpanMap::then(const SpanMap& next) const {
  if (pieces_.empty() || is_identity()) return next;
  if (next.pieces_.empty() || next.is_identity()) return *this;
  SpanMap out;
  // `next` maps cleaner -> cleaned (its "orig" is our "clean"); walk our
  // pieces alongside each copied run of `next`.
  std::size_t k = 0;
  for (const CleanPiece& b : next.pieces_) {
    const std::int64_t mb = b.orig_begin, me = b.orig_begin + b.orig_len;
    if (!b.copy) {
      const std::int64_t s = mb < clean_size_ ? original_start(mb) : orig_size_;
      const std::int64_t e = me > mb ? original_end(me) : s;
      out.push({0, b.clean_len, s, e - s, false});
      continue;
    }
    while (k < pieces_.size() && pieces_[k].clean_begin + pieces_[k].clean_len <= mb) ++k;
    for (std::size_t j = k; j < pieces_.size() && pieces_[j].clean_begin < me; ++j) {
      const CleanPiece& a = pieces_[j];
      if (a.clean_len == 0) continue;  // a deletion: the gap is filled by push
      const std::int64_t x = std::max(mb, a.clean_begin), y = std::min(me, a.clean_begin + a.clean_len);
      if (a.copy)
        out.push({0, y - x, a.orig_begin + (x - a.clean_begin), y - x, true});
      else
        out.push({0, y - x, a.orig_begin, a.orig_len, false});
    }
  }
  if (out.orig_size_ < orig_size_) {  // original text deleted at the end
    out.pieces_.push_back({out.clean_size_, 0, out.orig_size_, orig_size_ - out.orig_size_, false});
    out.orig_size_ = orig_size_;
  }
  return out;
}

std::int64_t CodePointCounter::operator()(std::int64_t byte) {
  if (byte < byte_) byte_ = cp_ = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
  for (; byte_ < byte; ++byte_)
    if ((s[byte_] & 0xC0) != 0x80) ++cp_;
  return cp_;
}

void code_point_origins(std::string_view original, std::string_view cleaned, const SpanMap& map,
                        std::vector<std::int64_t>& starts, std::vector<std::int64_t>& ends) {
  CodePointCounter a(original), b(original);
  const auto* s = reinterpret_cast<const unsigned char*>(cleaned.data());
  const auto n = static_cast<std::int64_t>(cleaned.size());
  for (std::int64_t i = 0; i < n;) {
    std::int64_t j = i + 1;
    while (j < n && (s[j] & 0xC0) == 0x80) ++j;
    starts.push_back(a(map.original_start(i)));
    ends.push_back(b(map.original_end(j)));
    i = j;
  }
}

}  // namespace textgauge
