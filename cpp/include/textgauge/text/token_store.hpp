#pragma once
// Compact storage of the tokens of many documents (what a Corpus keeps).
//
// A token takes 3 bytes here instead of a 40-byte Token: where it starts, as
// 16 bits from the start of its block of 256 consecutive tokens (whose
// corpus-wide byte offset the store keeps; a token further away than that has
// 0xFFFF there and its offset in a small table), and one byte packing its kind
// (2 bits) and byte length (6 bits; a token of 63 bytes or more has 63 there
// and its length in a small overflow table). Code-point offsets are not
// stored: in an ASCII document they are the byte offsets; for any other
// document the store keeps the number of code points before every 64th byte
// and counts the rest in the text. Spans decode to exactly what the Segmenter
// produced.
//
// TokenColumn and TokenOwners are the per-document views a Corpus hands out
// (Document::units): they decode on access and store nothing per token.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "textgauge/text/text.hpp"

namespace textgauge {

class TokenStore {
 public:
  static constexpr std::size_t kCheckpointBytes = 64;  // code-point checkpoint stride
  static constexpr std::uint32_t kLongLength = 63;     // length field meaning "see the overflow table"
  static constexpr std::size_t kBlockTokens = 256;     // tokens sharing one base offset
  static constexpr std::uint16_t kFar = 0xFFFF;        // offset field meaning "see the far table"

  // Appends one document: `tokens` as the Segmenter gives them for `text`
  // (offsets relative to the text, in text order). Throws textgauge::Error for
  // a document of 4 GiB or more.
  void add_document(std::string_view text, std::span<const Token> tokens);
  // Appends all documents of `other` after this store's.
  void append(const TokenStore& other);
  // Keeps the first `documents` documents only.
  void truncate(std::size_t documents);
  void reserve(std::size_t tokens);
  void shrink_to_fit();

  std::size_t documents() const noexcept { return tok_begin_.size() - 1; }
  std::size_t size() const noexcept { return code_.size(); }
  // Where document `doc` starts in all documents' text back to back (doc ==
  // documents(): their total size).
  std::uint64_t document_begin(std::size_t doc) const noexcept { return doc_byte_[doc]; }
  // Where each document's tokens start (documents() + 1 entries).
  const std::vector<std::size_t>& token_begin() const noexcept { return tok_begin_; }

  // Token t (a corpus-wide index).
  TokenKind kind(std::size_t t) const noexcept { return static_cast<TokenKind>(code_[t] & 3u); }
  // Byte offset of token t from the start of document `doc` (the one holding it).
  std::int64_t byte_start(std::size_t doc, std::size_t t) const noexcept {
    return static_cast<std::int64_t>(offset(t) - doc_byte_[doc]);
  }
  std::int64_t byte_length(std::size_t t) const noexcept;
  // Span of token t of document `doc`, whose text is `text` (needed for code points).
  Span span(std::size_t doc, std::string_view text, std::size_t t) const noexcept;
  // Code points before byte offset `byte` (a character boundary) of document `doc`.
  std::int64_t code_point(std::size_t doc, std::string_view text, std::int64_t byte) const noexcept;
  // Whether document `doc` is pure ASCII (its code-point offsets are its byte offsets).
  bool ascii(std::size_t doc) const noexcept { return cp_begin_[doc] == cp_begin_[doc + 1]; }

  // Bytes held (capacity of every array), for tests and reports.
  std::size_t memory_bytes() const noexcept;

 private:
  struct Long {
    std::uint64_t token;  // corpus-wide index
    std::uint64_t value;  // length (long_) or corpus-wide offset (far_)
  };
  // Corpus-wide byte offset of token t (documents back to back).
  std::uint64_t offset(std::size_t t) const noexcept;
  void push(std::uint64_t offset, std::uint8_t code, std::uint64_t length);
  static std::uint64_t find(const std::vector<Long>& table, std::size_t t) noexcept;

  std::vector<std::uint16_t> delta_;  // offset - base_[t / 256], or kFar
  std::vector<std::uint8_t> code_;    // kind | min(length, 63) << 2
  std::vector<std::uint64_t> base_;   // offset of each block's first token
  std::vector<Long> far_, long_;      // by token index: far offsets, lengths of 63 bytes or more
  std::vector<std::uint32_t> cp_;     // per non-ASCII document: code points before byte 64 * i
  std::vector<std::size_t> tok_begin_{0}, cp_begin_{0};
  std::vector<std::uint64_t> doc_byte_{0};  // where each document starts, corpus-wide
};

// A paragraph or sentence as a Corpus keeps it: bytes from its document's start.
struct ByteRange {
  std::uint32_t start = 0, end = 0;
};

// One document's paragraphs or sentences, their spans decoded on access (code
// points from the TokenStore's map of the document). A value type that
// behaves like a read-only sequence of Span.
class SpanColumn {
 public:
  SpanColumn() = default;
  SpanColumn(std::span<const ByteRange> ranges, const TokenStore& store, std::size_t doc,
             std::string_view text) noexcept
      : ranges_(ranges), store_(&store), doc_(doc), text_(text) {}
  std::size_t size() const noexcept { return ranges_.size(); }
  bool empty() const noexcept { return ranges_.empty(); }
  Span operator[](std::size_t k) const noexcept {
    const ByteRange r = ranges_[k];
    return Span{r.start, r.end, store_->code_point(doc_, text_, r.start),
                store_->code_point(doc_, text_, r.end)};
  }

 private:
  std::span<const ByteRange> ranges_;
  const TokenStore* store_ = nullptr;
  std::size_t doc_ = 0;
  std::string_view text_;
};

// One document's tokens, decoded from a TokenStore on access. A value type
// that behaves like a read-only sequence of Token.
class TokenColumn {
 public:
  TokenColumn() = default;
  TokenColumn(const TokenStore& store, std::size_t doc, std::string_view text) noexcept
      : store_(&store),
        doc_(doc),
        first_(store.token_begin()[doc]),
        size_(store.token_begin()[doc + 1] - first_),
        text_(text) {}
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  TokenKind kind(std::size_t k) const noexcept { return store_->kind(first_ + k); }
  Span span(std::size_t k) const noexcept { return store_->span(doc_, text_, first_ + k); }
  Token operator[](std::size_t k) const noexcept { return Token{span(k), kind(k)}; }

 private:
  const TokenStore* store_ = nullptr;
  std::size_t doc_ = 0, first_ = 0, size_ = 0;
  std::string_view text_;
};

// The document-local sentence (or paragraph) of each of one document's tokens,
// found from where each sentence's tokens begin. Lookups in token order cost
// O(1) (the view remembers the last sentence found, so use one view per
// thread); others a binary search.
class TokenOwners {
 public:
  TokenOwners() = default;
  // sentence_token_begin: document-local index of each sentence's first token
  // (non-decreasing); sentence_paragraph: the paragraph of each sentence, or
  // empty to give sentences.
  TokenOwners(std::span<const std::uint32_t> sentence_token_begin,
              std::span<const std::int32_t> sentence_paragraph, std::size_t tokens) noexcept
      : begin_(sentence_token_begin), paragraph_(sentence_paragraph), size_(tokens) {}
  std::size_t size() const noexcept { return size_; }
  std::int32_t operator[](std::size_t k) const noexcept {
    const std::size_t s = sentence_of(k);
    return paragraph_.empty() ? static_cast<std::int32_t>(s) : paragraph_[s];
  }

 private:
  std::size_t sentence_of(std::size_t k) const noexcept;
  std::span<const std::uint32_t> begin_;
  std::span<const std::int32_t> paragraph_;
  std::size_t size_ = 0;
  mutable std::size_t hint_ = 0;
};

}  // namespace textgauge
