// Private byte-level helpers of the money reader: which bytes of UTF-8 text are spaces, digits
// group marks and letters. Shared by the number reader (money.cc) and the currency table
// (money_currency.cc).
#ifndef VENDLY_MONEY_TEXT_H_
#define VENDLY_MONEY_TEXT_H_

#include <cstddef>
#include <string_view>

namespace vendly::internal {

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Byte length of the unicode space at `i` (NBSP U+00A0, U+2000..U+200A, U+202F, U+205F, U+3000) or
// of an ASCII space or tab; 0 when there is none.
inline std::size_t SpaceAt(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (s[i] == ' ' || s[i] == '\t') return 1;
  if (b(i) == 0xC2 && i + 1 < s.size() && b(i + 1) == 0xA0) return 2;
  if (i + 2 < s.size()) {
    if (b(i) == 0xE2 && b(i + 1) == 0x80) {
      const unsigned char c = b(i + 2);
      if ((c >= 0x80 && c <= 0x8A) || c == 0xAF) return 3;  // U+2000..U+200A, U+202F
    }
    if (b(i) == 0xE2 && b(i + 1) == 0x81 && b(i + 2) == 0x9F) return 3;
    if (b(i) == 0xE3 && b(i + 1) == 0x80 && b(i + 2) == 0x80) return 3;
  }
  return 0;
}

// Byte length of an apostrophe used to group thousands ("1'500", "1’500" with U+2019); 0 when none.
inline std::size_t ApostropheAt(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '\'') return 1;
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x99) {
    return 3;
  }
  return 0;
}

// Byte length of a whitespace-like character at `i`: spaces above plus line breaks; 0 when none.
inline std::size_t BlankAt(std::string_view s, std::size_t i) {
  if (i < s.size() && (s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v')) return 1;
  return SpaceAt(s, i);
}

// Byte length of the blank that ends at byte `end` (blanks are 1 to 3 bytes long); 0 when none.
inline std::size_t BlankEndingAt(std::string_view s, std::size_t end) {
  for (std::size_t len = 1; len <= 3 && len <= end; ++len) {
    if (BlankAt(s, end - len) == len) return len;
  }
  return 0;
}

// `s` without leading and trailing blanks.
inline std::string_view TrimBlanks(std::string_view s) {
  std::size_t n;
  while (!s.empty() && (n = BlankAt(s, 0)) > 0) s.remove_prefix(n);
  while (!s.empty() && (n = BlankEndingAt(s, s.size())) > 0) s.remove_suffix(n);
  return s;
}

}  // namespace vendly::internal

#endif  // VENDLY_MONEY_TEXT_H_
