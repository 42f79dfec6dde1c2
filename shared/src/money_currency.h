// Private pieces of the currency table (money_currency.cc) that the price reader shares.
#ifndef VENDLY_MONEY_CURRENCY_H_
#define VENDLY_MONEY_CURRENCY_H_

#include <string_view>

namespace vendly::internal {

// The store's home currency, "KES" when none is set (as Post::store_currency documents).
std::string_view StoreOrDefault(std::string_view store_currency);

}  // namespace vendly::internal

#endif  // VENDLY_MONEY_CURRENCY_H_
