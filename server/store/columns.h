// Reading and writing column values the way every store module does: a json/jsonb column parsed,
// a numeric column as a JSON number, a JSON number as a numeric parameter.
#ifndef VENDLY_SERVER_STORE_COLUMNS_H_
#define VENDLY_SERVER_STORE_COLUMNS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/db.h"

namespace vendly::server {

// A json/jsonb column parsed; `fallback` when NULL or unreadable.
nlohmann::json JsonColumn(const Rows& rows, int row, const char* column, nlohmann::json fallback);
// A numeric column as a JSON number: whole amounts as integers (2500, not 2500.0); null for NULL.
nlohmann::json AmountValue(const std::optional<std::string>& text);
nlohmann::json AmountValue(const std::optional<double>& amount);
// A JSON number as a numeric statement parameter; NULL for anything else.
Param NumberParam(const nlohmann::json& v);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_COLUMNS_H_
