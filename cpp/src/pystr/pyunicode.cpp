#include "textgauge/pystr/pyunicode.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

#include <map>
#include <memory>
#include <mutex>

#include "textgauge/error.hpp"

namespace textgauge {

namespace {

constexpr char32_t kCodeSpace = 0x110000;
constexpr char32_t kLowerTable = 0x20000;  // every cased letter of Unicode 16 lies below

void set_bit(std::vector<std::uint64_t>& bits, char32_t c) { bits[c >> 6] |= std::uint64_t{1} << (c & 63); }
bool get_bit(const std::vector<std::uint64_t>& bits, char32_t c) { return (bits[c >> 6] >> (c & 63)) & 1; }

bool is_ascii_text(std::string_view s) {
  for (unsigned char b : s)
    if (b >= 0x80) return false;
  return true;
}

}  // namespace

struct PyUnicodeBuilder {
  static void build(PyUnicode& u) {
    UVersionInfo icu_unicode;
    u_getUnicodeVersion(icu_unicode);
    if (icu_unicode[0] < u.major_ || (icu_unicode[0] == u.major_ && icu_unicode[1] < u.minor_))
      throw Error("ICU's Unicode data (" + std::to_string(icu_unicode[0]) + "." +
                  std::to_string(icu_unicode[1]) + ") is older than Python's (" + std::to_string(u.major_) +
                  "." + std::to_string(u.minor_) + "): sklearn-compatible tokenization would differ");
    const std::size_t words = kCodeSpace / 64;
    u.word_.assign(words, 0);
    u.space_.assign(words, 0);
    u.known_.assign(words, 0);
    u.cased_.assign(words, 0);
    u.ignorable_.assign(words, 0);
    u.lower_bmp_.resize(kLowerTable);
    for (char32_t c = 0; c < kLowerTable; ++c) u.lower_bmp_[c] = c;
    // Ranges of one general category (fast); per code point only where a
    // character is assigned, not private use and not a surrogate.
    struct Context {
      PyUnicode* u;
    } ctx{&u};
    u_enumCharTypes(
        [](const void* context, UChar32 start, UChar32 limit, UCharCategory type) -> UBool {
          PyUnicode& u = *static_cast<const Context*>(context)->u;
          if (type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR || type == U_SURROGATE) return true;
          const bool letter = type == U_UPPERCASE_LETTER || type == U_LOWERCASE_LETTER ||
                              type == U_TITLECASE_LETTER || type == U_MODIFIER_LETTER ||
                              type == U_OTHER_LETTER;
          for (UChar32 cc = start; cc < limit; ++cc) {
            const auto c = static_cast<char32_t>(cc);
            UVersionInfo age;
            u_charAge(cc, age);
            if (age[0] > u.major_ || (age[0] == u.major_ && age[1] > u.minor_))
              continue;  // unassigned for Python
            set_bit(u.known_, c);
            const bool numeric = !letter && u_getIntPropertyValue(cc, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
            if (letter || numeric || c == U'_') set_bit(u.word_, c);
            if (type == U_SPACE_SEPARATOR || type == U_CONTROL_CHAR || type == U_LINE_SEPARATOR ||
                type == U_PARAGRAPH_SEPARATOR) {
              const UCharDirection dir = u_charDirection(cc);
              if (type == U_SPACE_SEPARATOR || dir == U_WHITE_SPACE_NEUTRAL || dir == U_BLOCK_SEPARATOR ||
                  dir == U_SEGMENT_SEPARATOR)
                set_bit(u.space_, c);
            }
            if (u_hasBinaryProperty(cc, UCHAR_CASED)) set_bit(u.cased_, c);
            if (u_hasBinaryProperty(cc, UCHAR_CASE_IGNORABLE)) set_bit(u.ignorable_, c);
            if (c < kLowerTable) u.lower_bmp_[c] = static_cast<char32_t>(u_tolower(cc));
          }
          return true;
        },
        &ctx);
    // CPython's ASCII whitespace also counts the information separators 0x1C-0x1F.
    for (char32_t c : {U'\t', U'\n', U'\v', U'\f', U'\r', U'\x1c', U'\x1d', U'\x1e', U'\x1f', U' '})
      set_bit(u.space_, c);
  }
};

PyUnicode::PyUnicode(int major, int minor) : major_(major), minor_(minor) { PyUnicodeBuilder::build(*this); }

const PyUnicode& PyUnicode::get(int major, int minor) {
  static std::mutex mutex;
  static std::map<std::pair<int, int>, std::unique_ptr<PyUnicode>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[{major, minor}];
  if (!slot) slot.reset(new PyUnicode(major, minor));
  return *slot;
}

bool PyUnicode::known(char32_t c) const noexcept { return c < kCodeSpace && get_bit(known_, c); }

void PyUnicode::lower(std::string_view in, std::string& out) const {
  if (is_ascii_text(in)) {
    const std::size_t base = out.size();
    out.append(in);
    for (std::size_t i = base; i < out.size(); ++i)
      if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] + 32);
    return;
  }
  std::vector<char32_t> cps;
  cps.reserve(in.size());
  for (const char *p = in.data(), *e = in.data() + in.size(); p < e;) cps.push_back(decode_utf8(p));
  out.reserve(out.size() + in.size() + 8);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= U'A' && c <= U'Z' ? c + 32 : c));
    } else if (c == 0x130) {  // the one full lowercase mapping to two code points
      out.push_back('i');
      append_utf8(out, 0x307);
    } else if (c == 0x3A3) {
      // Final_Sigma (CPython's handle_capital_sigma): a cased letter before,
      // skipping case-ignorables, and none after.
      std::size_t j = i;
      bool before = false;
      while (j > 0) {
        --j;
        if (!get_bit(ignorable_, cps[j])) {
          before = get_bit(cased_, cps[j]);
          break;
        }
      }
      bool final_sigma = before;
      if (final_sigma) {
        for (std::size_t k = i + 1; k < cps.size(); ++k)
          if (!get_bit(ignorable_, cps[k])) {
            final_sigma = !get_bit(cased_, cps[k]);
            break;
          }
      }
      append_utf8(out, final_sigma ? 0x3C2 : 0x3C3);
    } else {
      append_utf8(out, c < kLowerTable ? lower_bmp_[c] : c);
    }
  }
}

namespace {

const icu::Normalizer2& nfkd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer: ") + u_errorName(status));
  return *n;
}

}  // namespace

void PyUnicode::strip_accents(std::string_view in, StripAccents mode, std::string& out) const {
  if (mode == StripAccents::none || is_ascii_text(in)) {
    out.append(in);
    return;
  }
  const icu::Normalizer2& norm = nfkd();
  // Code points Python does not know take no part in normalisation: split
  // there and normalise each segment on its own.
  std::vector<char32_t> cps;
  for (const char *p = in.data(), *e = in.data() + in.size(); p < e;) cps.push_back(decode_utf8(p));
  auto emit = [&](char32_t c) {
    if (mode == StripAccents::ascii) {
      if (c < 0x80) out.push_back(static_cast<char>(c));
    } else if (!known(c) || u_getCombiningClass(static_cast<UChar32>(c)) == 0) {
      append_utf8(out, c);
    }
  };
  icu::UnicodeString segment;
  auto flush = [&] {
    if (segment.isEmpty()) return;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString d = norm.normalize(segment, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU normalizer: ") + u_errorName(status));
    for (int32_t k = 0; k < d.length();) {
      const UChar32 c = d.char32At(k);
      emit(static_cast<char32_t>(c));
      k += U16_LENGTH(c);
    }
    segment.remove();
  };
  for (char32_t c : cps) {
    if (known(c)) {
      segment.append(static_cast<UChar32>(c));
    } else {
      flush();
      emit(c);
    }
  }
  flush();
}

}  // namespace textgauge
