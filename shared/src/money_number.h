// Private pieces of the number reader, shared by ParseNumber and ParsePriceString (money.cc).
#ifndef VENDLY_MONEY_NUMBER_H_
#define VENDLY_MONEY_NUMBER_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace vendly::internal {

// Gathers decimal digits into a value without heap or overflow: the first 19 significant digits
// form an integer mantissa, the rest only move the exponent. Value() is exact (correctly rounded)
// for prices as people write them (up to 15 significant digits, up to 22 decimals) and
// deterministic for everything else.
class DigitAccumulator {
 public:
  void Add(char digit, bool fraction);
  // The value times 10^extra_exponent; nullopt when no digit was added or the value is not finite.
  std::optional<double> Value(int extra_exponent = 0) const;

 private:
  uint64_t mantissa_ = 0;
  int significant_ = 0;
  long long exponent_ = 0;
  bool any_digit_ = false;
};

// Removes a k/K (thousand) or m/M (million) suffix that follows a digit; returns its exponent (3,
// 6) or 0.
int MultiplierSuffix(std::string_view* text);

// Reads digits with group and decimal marks (no suffix, no blanks around), as ParseNumber
// documents.
std::optional<double> ReadNumberBody(std::string_view text, std::optional<char> forced_decimal,
                                     int multiplier_exponent);

}  // namespace vendly::internal

#endif  // VENDLY_MONEY_NUMBER_H_
