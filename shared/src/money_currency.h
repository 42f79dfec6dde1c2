// Private pieces of the currency table (money_currency.cc) that the price reader shares: finding
// marks inside text, and resolving the marks whose code depends on the store.
#ifndef VENDLY_MONEY_CURRENCY_H_
#define VENDLY_MONEY_CURRENCY_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vendly::internal {

// A currency mark found in text: its byte length (0: none) and its table code, which is an ISO code
// or a placeholder that ResolveMark turns into one given the store ("Sh", "N", "kr").
struct MarkMatch {
  std::size_t length = 0;
  std::string_view code;
};

// The longest mark that starts at byte `begin` (ends at byte `end`) of `text`. A mark that begins
// or ends with an ASCII letter must not be glued to another letter on that side: "R" is a mark in
// "R273" but not in "RRP", "Rs" not in "Prs". Three-letter ISO codes count ("EUR", "usd").
MarkMatch MarkStartingAt(std::string_view text, std::size_t begin);
MarkMatch MarkEndingAt(std::string_view text, std::size_t end);

// The ISO code of a table code for a store; nullopt when the mark means nothing in that store ("N"
// outside Nigeria).
std::optional<std::string> ResolveMark(std::string_view code, std::string_view store);

// The store's home currency, "KES" when none is set (as Post::store_currency documents).
std::string_view StoreOrDefault(std::string_view store_currency);

}  // namespace vendly::internal

#endif  // VENDLY_MONEY_CURRENCY_H_
