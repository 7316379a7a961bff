#include "textgauge/vectorize/analyzer.hpp"

#include <algorithm>
#include <array>

#include "textgauge/error.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

struct AsciiTables {
  bool word[128];
  bool space[128];
  AsciiTables() {
    for (int c = 0; c < 128; ++c) {
      word[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      space[c] = c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F);
    }
  }
};
const AsciiTables kAscii;

}  // namespace

Analyzer::Analyzer(AnalyzerOptions options)
    : options_(std::move(options)), unicode_(&PyStr::get(options_.unicode_major, options_.unicode_minor)) {
  if (options_.min_n < 1 || options_.max_n < options_.min_n)
    throw Error("ngram_range must satisfy 1 <= min_n <= max_n, got (" + std::to_string(options_.min_n) +
                ", " + std::to_string(options_.max_n) + ")");
  if (options_.skip < 0) throw Error("skip must be >= 0");
  for (const auto& w : options_.stop_words) stop_.insert(w);
}

void Analyzer::preprocess(std::string_view text, std::string& out) const {
  out.clear();
  if (!options_.lowercase) {
    unicode_->strip_accents(text, options_.strip_accents, out);
    return;
  }
  if (options_.strip_accents == StripAccents::none) {
    unicode_->lower(text, out);
    return;
  }
  std::string lowered;
  unicode_->lower(text, lowered);
  unicode_->strip_accents(lowered, options_.strip_accents, out);
}

void Analyzer::tokenize(std::string_view text, std::vector<std::string_view>& tokens) const {
  tokens.clear();
  const char* p = text.data();
  const char* const end = p + text.size();
  // Alternates between skipping non-word characters and taking a run of word
  // characters; ASCII bytes are classified by table, others decoded.
  while (p < end) {
    const char* start;
    for (;;) {
      if (p == end) return;
      const auto b = static_cast<unsigned char>(*p);
      if (b < 0x80) {
        if (kAscii.word[b]) break;
        ++p;
      } else {
        const char* q = p;
        if (unicode_->is_word(decode_utf8(q, end))) break;
        p = q;
      }
    }
    start = p;
    std::size_t run = 0;
    while (p < end) {
      const auto b = static_cast<unsigned char>(*p);
      if (b < 0x80) {
        if (!kAscii.word[b]) break;
        ++p;
      } else {
        const char* q = p;
        if (!unicode_->is_word(decode_utf8(q, end))) break;
        p = q;
      }
      ++run;
    }
    if (run >= 2) tokens.emplace_back(start, static_cast<std::size_t>(p - start));
  }
}

void Analyzer::analyze(std::string_view text, FeatureList& out) {
  out.clear();
  preprocess(text, pre_);
  switch (options_.kind) {
    case AnalyzerKind::word: word_features(pre_, out); break;
    case AnalyzerKind::char_ngrams: char_features(pre_, out); break;
    case AnalyzerKind::char_wb: char_wb_features(pre_, out); break;
  }
}

namespace {

// ASCII text, lowercased: one pass that classifies each byte, writes only
// the bytes of tokens (lowercased) and records them. Returns false at the
// first byte >= 0x80, leaving the general path to start over.
bool ascii_lower_tokens(std::string_view text, std::string& buf, std::vector<std::string_view>& tokens) {
  // byte class: 0 separator, 1 word character, 2 not ASCII; and lowercase
  static const auto tables = [] {
    std::array<std::array<unsigned char, 256>, 2> t{};
    for (int c = 0; c < 256; ++c) {
      t[0][static_cast<std::size_t>(c)] = c >= 0x80 ? 2 : (kAscii.word[c] ? 1 : 0);
      t[1][static_cast<std::size_t>(c)] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return t;
  }();
  const auto& cls = tables[0];
  const auto& low = tables[1];
  buf.resize(text.size());
  tokens.clear();
  char* const out = buf.data();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  std::size_t w = 0;
  while (p < end) {
    const unsigned char c = cls[*p];
    if (c == 0) {
      ++p;
      continue;
    }
    if (c == 2) return false;
    const std::size_t start = w;
    do out[w++] = static_cast<char>(low[*p++]);
    while (p < end && cls[*p] == 1);
    if (p < end && cls[*p] == 2) return false;
    if (w - start >= 2)
      tokens.emplace_back(out + start, w - start);
    else
      w = start;
  }
  return true;
}

}  // namespace

const std::vector<std::string_view>& Analyzer::word_tokens(std::string_view text) {
  if (options_.lowercase && options_.strip_accents == StripAccents::none &&
      ascii_lower_tokens(text, pre_, tokens_))
    return tokens_;
  preprocess(text, pre_);
  tokenize(pre_, tokens_);
  return tokens_;
}

void Analyzer::word_features(std::string_view pre, FeatureList& out) {
  tokenize(pre, tokens_);
  if (!stop_.empty()) {
    std::size_t kept = 0;
    for (auto t : tokens_)
      if (stop_.find(t) == stop_.end()) tokens_[kept++] = t;
    tokens_.resize(kept);
  }
  for_each_ngram(tokens_.size(), options_.min_n, options_.max_n, options_.skip,
                 [&](const std::size_t* pos, std::size_t n) {
                   out.bytes.append(tokens_[pos[0]]);
                   for (std::size_t k = 1; k < n; ++k) {
                     out.bytes.push_back(' ');
                     out.bytes.append(tokens_[pos[k]]);
                   }
                   out.ends.push_back(static_cast<std::uint32_t>(out.bytes.size()));
                 });
}

namespace {

// re.sub(r"\s\s+", " ", text)
void collapse_spaces(std::string_view text, const PyStr& u, std::string& out) {
  out.clear();
  out.reserve(text.size());
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* here = p;
    const char32_t c = decode_utf8(p, end);
    const bool space = c < 0x80 ? kAscii.space[c] : u.is_space(c);
    if (!space) {
      out.append(here, static_cast<std::size_t>(p - here));
      continue;
    }
    // a run of spaces: count it
    const char* run_end = p;
    std::size_t run = 1;
    while (run_end < end) {
      const char* q = run_end;
      const char32_t d = decode_utf8(q, end);
      if (!(d < 0x80 ? kAscii.space[d] : u.is_space(d))) break;
      run_end = q;
      ++run;
    }
    if (run >= 2)
      out.push_back(' ');
    else
      out.append(here, static_cast<std::size_t>(p - here));
    p = run_end;
  }
}

void code_point_offsets(std::string_view s, std::size_t begin, std::size_t end,
                        std::vector<std::uint32_t>& offs) {
  offs.clear();
  for (std::size_t i = begin; i < end; ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offs.push_back(static_cast<std::uint32_t>(i));
  offs.push_back(static_cast<std::uint32_t>(end));
}

}  // namespace

void Analyzer::char_features(std::string_view pre, FeatureList& out) {
  collapse_spaces(pre, *unicode_, tmp_);
  code_point_offsets(tmp_, 0, tmp_.size(), cp_offsets_);
  const int len = static_cast<int>(cp_offsets_.size()) - 1;
  for (int n = options_.min_n; n <= options_.max_n && n <= len; ++n)
    for (int i = 0; i + n <= len; ++i) {
      const auto b = cp_offsets_[static_cast<std::size_t>(i)],
                 e = cp_offsets_[static_cast<std::size_t>(i + n)];
      out.push(std::string_view(tmp_).substr(b, e - b));
    }
}

void Analyzer::char_wb_features(std::string_view pre, FeatureList& out) {
  const PyStr& u = *unicode_;
  std::string padded;
  const char* p = pre.data();
  const char* const end = p + pre.size();
  while (p < end) {
    // skip spaces, then take one word of str.split()
    const char* word = nullptr;
    const char* word_end = nullptr;
    while (p < end) {
      const char* here = p;
      const char32_t c = decode_utf8(p, end);
      const bool space = c < 0x80 ? kAscii.space[c] : u.is_space(c);
      if (!space) {
        if (!word) word = here;
        word_end = p;
      } else if (word) {
        break;
      }
    }
    if (!word) break;
    padded.assign(1, ' ');
    padded.append(word, static_cast<std::size_t>(word_end - word));
    padded.push_back(' ');
    code_point_offsets(padded, 0, padded.size(), cp_offsets_);
    const int w_len = static_cast<int>(cp_offsets_.size()) - 1;
    auto emit = [&](int offset, int n) {
      const int stop = std::min(offset + n, w_len);
      const auto b = cp_offsets_[static_cast<std::size_t>(offset)],
                 e = cp_offsets_[static_cast<std::size_t>(stop)];
      out.push(std::string_view(padded).substr(b, e - b));
    };
    for (int n = options_.min_n; n <= options_.max_n; ++n) {
      int offset = 0;
      emit(offset, n);
      while (offset + n < w_len) {
        ++offset;
        emit(offset, n);
      }
      if (offset == 0) break;
    }
  }
}

}  // namespace textgauge
