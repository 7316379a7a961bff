// SentimentAnalyzer, the public face of the VADER engine: one text, batches
// on threads, corpora, and the per-token explanation. The engine's pieces
// are in vader_impl.hpp, which says where each one lives.
#include <algorithm>
#include <utility>

#include "sentiment/vader_impl.hpp"
#include "textgauge/parallel.hpp"
#include "textgauge/text/corpus.hpp"

namespace textgauge {

namespace {
constexpr std::size_t kPrefetchAhead = 4;  // texts
}  // namespace

SentimentAnalyzer::SentimentAnalyzer(const Lexicon& lexicon, SentimentOptions options)
    : impl_(std::make_shared<const Impl>(lexicon, options)) {}
SentimentAnalyzer::~SentimentAnalyzer() = default;
SentimentAnalyzer::SentimentAnalyzer(const SentimentAnalyzer&) = default;
SentimentAnalyzer& SentimentAnalyzer::operator=(const SentimentAnalyzer&) = default;

const SentimentOptions& SentimentAnalyzer::options() const noexcept { return impl_->options; }

SentimentScores SentimentAnalyzer::raw_scores(std::string_view text, std::uint32_t* tokens) const {
  vader::Scratch s;
  return impl_->run(text, s, tokens);
}

SentimentScores SentimentAnalyzer::polarity_scores(std::string_view text) const {
  return vader::rounded(raw_scores(text));
}

void SentimentAnalyzer::score_batch(const std::vector<std::string_view>& texts, SentimentScores* out,
                                    bool round, unsigned threads, std::uint32_t* tokens) const {
  const Impl& impl = *impl_;
  parallel_chunks(texts.size(), 512, threads, [&](std::size_t, std::size_t b, std::size_t e) {
    vader::Scratch s;
    for (std::size_t i = b; i < e; ++i) {
      // Texts from Python are scattered over the heap: fetch the next ones'
      // first lines while this one is scored.
      if (i + kPrefetchAhead < e) {
        const std::string_view next = texts[i + kPrefetchAhead];
        for (std::size_t off = 0; off < std::min<std::size_t>(next.size(), 256); off += 64)
          __builtin_prefetch(next.data() + off);
      }
      const SentimentScores r = impl.run(texts[i], s, tokens ? tokens + i : nullptr);
      out[i] = round ? vader::rounded(r) : r;
    }
  });
}

std::vector<SentimentScores> SentimentAnalyzer::score_corpus(const Corpus& corpus, Unit level, bool round,
                                                             unsigned threads,
                                                             std::vector<std::uint32_t>* tokens) const {
  const std::vector<std::string_view> views = corpus.unit_texts(level);
  std::vector<SentimentScores> out(views.size());
  if (tokens) tokens->assign(views.size(), 0);
  score_batch(views, out.data(), round, threads, tokens ? tokens->data() : nullptr);
  return out;
}

Explanation SentimentAnalyzer::explain(std::string_view input) const {
  const Impl& impl = *impl_;
  vader::Scratch s;
  Explanation ex;
  const std::string_view text = impl.tokenizer.substitute(input, s);
  ex.text.assign(text);
  impl.tokenizer.tokenize(text, s);
  vader::valences<true>(s, impl.fixed());
  vader::but_check<true>(s, impl.fixed());
  ex.punctuation_amplifier = vader::amplifier(text);
  ex.scores = vader::rounded(vader::score_valence(s, ex.punctuation_amplifier, &ex.sum));
  ex.tokens.reserve(s.toks.size());
  for (std::size_t i = 0; i < s.toks.size(); ++i) {
    const vader::Tok& t = s.toks[i];
    TokenExplanation te;
    te.token.assign(text.substr(t.begin, t.end - t.begin));
    te.in_lexicon = (t.flags & vader::kInLex) != 0;
    te.lexicon_valence = te.in_lexicon ? t.valence : 0.0;
    te.valence = 0.0;
    te.rules = s.rules[i];
    if (ex.punctuation_amplifier != 0 && te.token.find_first_of("!?") != std::string::npos)
      te.rules |= rule_punctuation;
    ex.tokens.push_back(std::move(te));
  }
  for (std::size_t m = 0; m < s.nonzero.size(); ++m) ex.tokens[s.nonzero[m]].valence = s.sent[m];
  return ex;
}

}  // namespace textgauge
