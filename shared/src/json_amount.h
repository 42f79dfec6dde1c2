// How an amount is written in every JSON the core produces (extraction results, drafts, parsed
// prices), so the CLI, the server and the WASM module print the same bytes for the same value.
#ifndef VENDLY_SRC_JSON_AMOUNT_H_
#define VENDLY_SRC_JSON_AMOUNT_H_

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace vendly::internal {

// Whole amounts as JSON integers (2500, not 2500.0); others as the shortest decimal that reads back
// as the same double (nlohmann's own formatting, identical natively and in WASM). null when absent
// or not finite.
inline nlohmann::ordered_json AmountJson(const std::optional<double>& amount) {
  if (!amount || !std::isfinite(*amount)) return nullptr;
  double a = *amount;
  if (std::fabs(a) < 9e15 && a == std::floor(a)) return static_cast<long long>(a);
  return a;
}

}  // namespace vendly::internal

#endif  // VENDLY_SRC_JSON_AMOUNT_H_
