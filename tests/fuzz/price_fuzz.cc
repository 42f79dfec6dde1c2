// libFuzzer target for the money reader: any bytes, split at NUL into price text, currency hint and
// decimal separator, must neither crash nor hit undefined behaviour, and every answer must be sane:
// amounts finite and not negative, currencies known ISO codes.
//
// Build and run (from the repository root):
//   clang++-14 -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
//     -Ishared/include tests/fuzz/price_fuzz.cc shared/src/money.cc -o price_fuzz
//   ./price_fuzz -max_total_time=60 -timeout=5
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vendly/money.h"

namespace {

void CheckAmount(const std::optional<double>& amount) {
  if (amount && !(std::isfinite(*amount) && *amount >= 0)) __builtin_trap();
}

void CheckCurrency(const std::optional<std::string>& currency) {
  if (currency && !vendly::IsKnownCurrency(*currency)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::string_view parts[3];
  std::size_t count = 0;
  while (count < 2) {
    const std::size_t nul = rest.find('\0');
    if (nul == std::string_view::npos) break;
    parts[count++] = rest.substr(0, nul);
    rest.remove_prefix(nul + 1);
  }
  parts[count++] = rest;

  const std::string_view text = parts[0];
  const std::optional<std::string_view> hint =
      count > 1 ? std::optional<std::string_view>(parts[1]) : std::nullopt;
  const std::optional<std::string_view> decimal =
      count > 2 ? std::optional<std::string_view>(parts[2]) : std::nullopt;

  const vendly::ParsedPrice price = vendly::ParsePriceString(text, hint, decimal);
  CheckAmount(price.amount);
  CheckCurrency(price.currency);

  std::optional<char> separator;
  if (decimal && !decimal->empty()) separator = (*decimal)[0];
  CheckAmount(vendly::ParseNumber(text, separator));
  CheckAmount(vendly::ParseNumber(text));

  const std::string store(hint ? hint->substr(0, 3) : std::string_view("KES"));
  CheckCurrency(vendly::CurrencyFromMark(text, store));
  return 0;
}
