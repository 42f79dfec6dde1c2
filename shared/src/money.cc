#include "vendly/money.h"

namespace vendly {

ParsedPrice ParsePriceString(std::string_view, std::optional<std::string_view>,
                             std::optional<std::string_view>) {
  return {};
}

std::optional<double> ParseNumber(std::string_view, std::optional<char>) { return std::nullopt; }

std::optional<std::string> CurrencyFromMark(std::string_view, std::string_view) { return std::nullopt; }

bool IsKnownCurrency(std::string_view) { return false; }

}  // namespace vendly
