#pragma once
// Named options: every enum that an option string selects (ParagraphMode,
// TfScheme, AssocMeasure, ...) has one table of (value, name) beside its
// definition. Parsing a name, naming a value, listing the names for Python and
// the error for a bad name all read that table, so a name is spelt once.
//
// A table is a specialisation of OptionTable:
//   template <>
//   struct OptionTable<Norm> {
//     static constexpr std::string_view label = "norm";  // names the option in errors
//     static constexpr std::array<OptionName<Norm>, 3> entries{
//         {{Norm::none, "none"}, {Norm::l1, "l1"}, {Norm::l2, "l2"}}};
//   };
#include <array>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "textgauge/error.hpp"

namespace textgauge {

template <class E>
struct OptionName {
  E value;
  std::string_view name;
};

template <class E>
struct OptionTable;  // specialised once per option enum, in the enum's header

// True for the enums that have a table (the binding converts exactly these from str).
template <class E, class = void>
inline constexpr bool is_option = false;
template <class E>
inline constexpr bool is_option<E, std::void_t<decltype(OptionTable<E>::entries)>> = true;

// The names of E's values, in table order.
template <class E>
std::vector<std::string> option_names() {
  std::vector<std::string> out;
  for (const auto& e : OptionTable<E>::entries) out.emplace_back(e.name);
  return out;
}

// "tf must be one of 'raw', 'log', got 'sqrt'".
inline std::string bad_option_message(std::string_view label, std::string_view got,
                                      const std::vector<std::string>& names) {
  std::string m(label);
  m += " must be one of ";
  for (std::size_t i = 0; i < names.size(); ++i) m += (i ? ", '" : "'") + names[i] + "'";
  m += ", got '";
  m += got;
  return m + "'";
}

// The value called `name`; throws OptionError naming the option and listing its names otherwise.
template <class E>
E parse_option(std::string_view name) {
  for (const auto& e : OptionTable<E>::entries)
    if (e.name == name) return e.value;
  throw OptionError(bad_option_message(OptionTable<E>::label, name, option_names<E>()));
}

// The name of `value` (a table covers every value of its enum).
template <class E>
const char* option_name(E value) noexcept {
  for (const auto& e : OptionTable<E>::entries)
    if (e.value == value) return e.name.data();
  return "?";
}

}  // namespace textgauge
