#pragma once
// The one exception hierarchy of textgauge. The binding maps each class to a
// Python exception once (textgauge.Error, textgauge.OptionError,
// textgauge.DecodeError).
#include <cstdint>
#include <stdexcept>
#include <string>

namespace textgauge {

// Base of everything textgauge throws on bad input or bad options.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An option name that is not one of its choices (see options.hpp). The
// message names the option and lists the choices. In Python it is
// textgauge.OptionError, both a textgauge.Error and a ValueError.
class OptionError : public Error {
 public:
  using Error::Error;
};

// Invalid UTF-8. `byte_offset` is the offset of the first byte of the invalid
// sequence in the input that was handed to textgauge (a text, or a file when
// `source` is set).
class DecodeError : public Error {
 public:
  DecodeError(std::uint64_t byte_offset, std::string source = {});
  std::uint64_t byte_offset() const noexcept { return byte_offset_; }
  const std::string& source() const noexcept { return source_; }

 private:
  std::uint64_t byte_offset_;
  std::string source_;
};

}  // namespace textgauge
