// Prices at caption level: every money mention of a caption, each classified as a selling price, an
// old price (was/before/kabla/~~x~~/"from X to Y") or something that only looks like money (phone,
// till and paybill numbers, delivery fees, deposits, sizes, storage, model numbers, years, dates,
// times, percentages, measurements, quantities, follower counts, bundle prices). Amounts are read
// with vendly::ParseNumber, currency marks with vendly::CurrencyFromMark; Swahili number words
// ("elfu moja na mia tano") are read here. Segmentation later decides which product each price
// belongs to.
#ifndef VENDLY_SRC_PRICES_H_
#define VENDLY_SRC_PRICES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text.h"

namespace vendly::internal {

enum class MoneyRole : uint8_t { kPrice, kOldPrice, kNotPrice };

// Why a number is not a price (for tests and evidence); kNone for prices.
enum class NotPriceReason : uint8_t {
  kNone,
  kPhone,     // phone numbers, M-Pesa till/paybill/account numbers
  kFee,       // delivery, shipping, deposit, installation, thresholds ("orders over $60")
  kSize,      // "Size 40", "Sizes 8, 10, 12"
  kUnit,      // a measure or spec: 128GB, 2 litres, 6x6, 4/64, 50%, 8pm, 24th
  kModel,     // a number inside a product name: "Air Max 90", "Latitude 7490"
  kYear,      // 2021
  kQuantity,  // "50 pcs", "3 piece set", "10k followers", "set of 6"
  kBundle,    // "2 for 80,000", "dozen 3,000", wholesale prices
  kSmall,     // a bare number too small to be a price in the store's currency
};

struct Money {
  uint32_t begin = 0;  // byte span of the amount with its currency mark
  uint32_t end = 0;
  uint32_t line = 0;
  uint32_t first_token = 0;  // the amount's tokens [first_token, last_token)
  uint32_t last_token = 0;
  double amount = 0;
  std::string currency;            // ISO code: the mark's, else the store's
  bool explicit_currency = false;  // a mark was written next to the amount
  MoneyRole role = MoneyRole::kNotPrice;
  NotPriceReason reason = NotPriceReason::kNone;
  // How sure we are that a kPrice is a price: 3 a currency mark or a price cue (Price:, bei, @,
  // only, each, now), 2 list structure ("Item - 1,500") or a k/M amount, 1 a bare number, 0 a
  // number that reads like part of a product name.
  int strength = 0;
  // How fragile the reading is, for the confidence model: `risky` when it came through a pattern
  // that can misread (digit groups joined by spaces with no currency mark beside them, an old price
  // told only by a single-tilde strike, an emoji or an arrow between two prices); `tiny` when a
  // written mark carries an amount too small for the currency ("KES 2" in a shilling store).
  bool risky = false;
  bool tiny = false;
};

// Every money-like mention of `text`, in caption order. `store_currency` is the ISO code bare
// amounts are in (empty means KES).
std::vector<Money> FindMoney(const Text& text, std::string_view store_currency);

// True for the words that only speak of money: currency marks (the registry's, caption_marks.h)
// and old-price cues ("was", "kabla", "ilikuwa", "zamani", "instead"). A line holding only these
// beside its amounts names no item.
bool IsMoneyWord(HashedWord lower_word);

// True for the words a bundle offer is written in beside its count and amount: counts ("mbili",
// "three"), pack words ("any", "pair", "jozi", "dozen") and connectors ("for", "kwa", "ni"). A
// line holding only these beside its amounts ("mbili kwa 1,000", "2 pairs for 1,500") names no
// item: it offers the item above it in bundles.
bool IsBundleWord(HashedWord lower_word);

// True for the fractions of a measure: "nusu" and "robo" (half and quarter: "nusu kilo 350"),
// "half", "quarter".
bool IsFractionWord(HashedWord lower_word);

// Reads Swahili number words starting at token `i` of `text` ("elfu moja na mia tano" = 1500, "mia
// mbili" = 200, "milioni 1.2"). Returns the value and sets `*end` to the token after the number;
// nullopt when no number with a multiplier (mia/elfu/laki/milioni) starts at `i`.
std::optional<double> ReadSwahiliNumber(const Text& text, uint32_t i, uint32_t line_end,
                                        uint32_t* end);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_PRICES_H_
