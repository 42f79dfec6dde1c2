#include "store/paging.h"

namespace vendly::server {

Result<PageRows> QueryPage(Db& db, const std::string& columns, const std::string& from_where,
                           const std::string& order, Params params, const PageRequest& page) {
  const std::size_t n = params.size();
  params.push_back(std::to_string(page.limit));
  params.push_back(std::to_string((page.page - 1) * static_cast<long long>(page.limit)));
  auto rows = db.Exec("SELECT " + columns + ", count(*) OVER () AS total_rows FROM " + from_where +
                          " ORDER BY " + order + " LIMIT $" + std::to_string(n + 1) +
                          "::int OFFSET $" + std::to_string(n + 2) + "::bigint",
                      params);
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) return PageRows{*rows, rows->Int(0, "total_rows")};
  // A page past the end carries no window count: count on its own.
  params.resize(n);
  auto count = db.Exec("SELECT count(*) AS n FROM " + from_where, params);
  if (!count.ok()) return count.status();
  return PageRows{*rows, count->Int(0, "n")};
}

}  // namespace vendly::server
