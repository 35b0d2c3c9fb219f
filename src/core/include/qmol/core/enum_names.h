#pragma once
// Typed settings: every enum a job or the command line can name has one table of its spellings
// (a specialization of EnumNames next to the enum), and to_string/from_string come from that table
// alone.

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "qmol/core/errors.h"

namespace qmol {

// Specialize for each named enum E, next to E:
//   template <> struct EnumNames<E> {
//     static constexpr std::string_view noun = "mapping";  // for messages
//     static constexpr std::array<std::pair<E, std::string_view>, N> names = {{...}};
//   };
template <typename E>
struct EnumNames;

template <typename E>
concept NamedEnum = requires {
  EnumNames<E>::names;
};

template <NamedEnum E>
std::string to_string(E value) {
  for (const auto& [v, name] : EnumNames<E>::names)
    if (v == value) return std::string(name);
  return "?";
}

// "a, b or c": the accepted spellings, for messages and --help.
template <NamedEnum E>
std::string enum_choices() {
  std::string s;
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += i + 1 == names.size() ? " or " : ", ";
    s += names[i].second;
  }
  return s;
}

// The enum spelled `name` (ASCII case-insensitive); an InputError naming the choices otherwise
// (the caller adds where).
template <NamedEnum E>
E from_string(std::string_view name) {
  const auto same = [](std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (lower(a[i]) != lower(b[i])) return false;
    return true;
  };
  for (const auto& [v, spelling] : EnumNames<E>::names)
    if (same(spelling, name)) return v;
  throw InputError("unknown " + std::string(EnumNames<E>::noun) + " \"" + std::string(name) +
                   "\" (expected " + enum_choices<E>() + ")");
}

}  // namespace qmol
