#include "store/columns.h"

#include <cmath>
#include <cstdlib>

namespace vendly::server {

using Json = nlohmann::json;

Json JsonColumn(const Rows& rows, int row, const char* column, Json fallback) {
  auto text = rows.Get(row, column);
  if (!text) return fallback;
  Json parsed = Json::parse(*text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

Json AmountValue(const std::optional<double>& amount) {
  if (!amount) return nullptr;
  const double v = *amount;
  if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 1e15)
    return static_cast<long long>(v);
  return v;
}

Json AmountValue(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return AmountValue(std::optional<double>(std::strtod(text->c_str(), nullptr)));
}

Param NumberParam(const Json& v) {
  if (!v.is_number()) return std::nullopt;
  return v.dump();
}

}  // namespace vendly::server
