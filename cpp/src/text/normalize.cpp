#include "textgauge/text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "textgauge/error.hpp"
#include "textgauge/text/utf8.hpp"

namespace textgauge {

namespace {

const icu::Normalizer2& instance(NormalForm form, bool decompose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = decompose
                                  ? (form == NormalForm::nfkc ? icu::Normalizer2::getNFKDInstance(status)
                                                              : icu::Normalizer2::getNFDInstance(status))
                                  : (form == NormalForm::nfkc ? icu::Normalizer2::getNFKCInstance(status)
                                                              : icu::Normalizer2::getNFCInstance(status));
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer: ") + u_errorName(status));
  return *n;
}

UChar32 unified_quote(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B: return u'\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F: return u'"';
    default: return c;
  }
}

}  // namespace

Normalizer::Normalizer(NormalizeOptions options) : options_(options) {
  // Fetch the ICU singletons now so that a data problem shows at construction.
  instance(options_.form, false);
  instance(options_.form, true);
}

void Normalizer::apply(std::string_view token, std::string& out) const {
  out.clear();
  if (is_ascii(token)) {  // NFC, NFKC, accent stripping and quote unification are identities here
    out.assign(token);
    if (options_.casefold)
      for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
  if (options_.unify_quotes) {
    icu::UnicodeString q;
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      q.append(unified_quote(c));
      i += U16_LENGTH(c);
    }
    u = std::move(q);
  }
  if (options_.casefold) u.foldCase(U_FOLD_CASE_DEFAULT);
  if (options_.strip_accents) {
    icu::UnicodeString d = instance(options_.form, true).normalize(u, status);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < d.length();) {
      const UChar32 c = d.char32At(i);
      if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
      i += U16_LENGTH(c);
    }
    u = std::move(kept);
  }
  // Case folding can denormalise (and NFKC can change case), so compose last.
  u = instance(options_.form, false).normalize(u, status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalize: ") + u_errorName(status));
  u.toUTF8String(out);
}

}  // namespace textgauge
