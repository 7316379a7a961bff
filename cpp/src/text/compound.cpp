// Corpus::compound: multi-word expressions joined into single tokens.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "textgauge/text/corpus.hpp"

namespace textgauge {

namespace {

using id_type = Vocabulary::id_type;

// The expressions as a trie over term ids: node 0 is the root; an edge is
// keyed by (node, term id).
class ExpressionTrie {
 public:
  ExpressionTrie(const std::vector<std::vector<std::string>>& expressions, const Vocabulary& vocab) {
    for (std::size_t e = 0; e < expressions.size(); ++e) {
      const auto& terms = expressions[e];
      if (terms.size() < 2) continue;
      std::vector<id_type> ids;
      for (const auto& t : terms) ids.push_back(vocab.find(t));
      bool known = true;
      for (id_type id : ids) known = known && id >= 0;
      if (!known) continue;  // a term that never occurs: the expression cannot match
      std::int32_t node = 0;
      for (id_type id : ids) {
        auto [it, added] = edges_.try_emplace(edge(node, id), static_cast<std::int32_t>(expression_.size()));
        if (added) expression_.push_back(-1);
        node = it->second;
      }
      if (expression_[static_cast<std::size_t>(node)] < 0)
        expression_[static_cast<std::size_t>(node)] = static_cast<std::int64_t>(e);
    }
  }
  // The child of `node` by term `id`, or -1.
  std::int32_t next(std::int32_t node, id_type id) const {
    auto it = edges_.find(edge(node, id));
    return it == edges_.end() ? -1 : it->second;
  }
  // The expression that ends at `node`, or -1.
  std::int64_t expression(std::int32_t node) const { return expression_[static_cast<std::size_t>(node)]; }
  bool empty() const noexcept { return edges_.empty(); }

 private:
  static std::uint64_t edge(std::int32_t node, id_type id) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(node)) << 32) |
           static_cast<std::uint32_t>(id);
  }
  std::unordered_map<std::uint64_t, std::int32_t> edges_;
  std::vector<std::int64_t> expression_{-1};  // per node
};

}  // namespace

Corpus Corpus::compound(const std::vector<std::vector<std::string>>& expressions, std::string_view delimiter,
                        std::vector<std::int64_t>* matches) const {
  const ExpressionTrie trie(expressions, vocab_);
  if (matches) matches->assign(expressions.size(), 0);
  Corpus out(options_);
  out.text_ = text_;
  out.originals_ = originals_;  // a cleaning corpus: the same original texts and maps
  out.maps_ = maps_;
  out.units_.paragraphs = units_.paragraphs;
  out.units_.sentences = units_.sentences;
  out.units_.sentence_paragraph = units_.sentence_paragraph;
  out.units_.sentence_token_begin.reserve(units_.sentence_token_begin.size());
  out.para_begin_ = para_begin_;
  out.sent_begin_ = sent_begin_;
  out.units_.tokens.reserve(units_.tokens.size());
  out.terms_.reserve(terms_.size());
  std::string joined;
  std::vector<Token> tokens;  // one document's output tokens, document-local spans
  for (std::size_t d = 0; d < size(); ++d) {
    const std::string_view text = this->text(d);
    tokens.clear();
    // One run of tokens of one sentence: [first, last), corpus-wide indices.
    auto compound_run = [&](std::size_t first, std::size_t last) {
      for (std::size_t i = first; i < last;) {
        // The longest expression starting at token i, within its sentence.
        std::size_t length = 0;
        std::int64_t found = -1;
        std::int32_t node = 0;
        for (std::size_t j = i; j < last; ++j) {
          node = trie.empty() ? -1 : trie.next(node, terms_[j]);
          if (node < 0) break;
          if (trie.expression(node) >= 0) {
            length = j - i + 1;
            found = trie.expression(node);
          }
        }
        Token token{units_.tokens.span(d, text, i), units_.tokens.kind(i)};
        if (length >= 2) {
          const Span last_span = units_.tokens.span(d, text, i + length - 1);
          token.span.byte_end = last_span.byte_end;
          token.span.cp_end = last_span.cp_end;
          token.kind = TokenKind::word;
          joined.clear();
          for (std::size_t j = i; j < i + length; ++j) {
            if (j > i) joined.append(delimiter);
            joined.append(vocab_.term(terms_[j]));
          }
          out.terms_.push_back(out.vocab_.intern(joined));
          if (matches) ++(*matches)[static_cast<std::size_t>(found)];
        } else {
          length = 1;
          out.terms_.push_back(out.vocab_.intern(vocab_.term(terms_[i])));
        }
        tokens.push_back(token);
        i += length;
      }
    };
    for_each_sentence(d, [&](std::size_t, std::size_t first, std::size_t last) {
      out.units_.sentence_token_begin.push_back(static_cast<std::uint32_t>(tokens.size()));
      compound_run(first, last);
    });
    out.units_.tokens.add_document(text, tokens);
  }
  return out;
}

}  // namespace textgauge
