// One page of a list: which page and how many rows per page, and the statement that reads one page
// of rows of any table with the number of rows over all pages. The store modules build their list
// statements on it.
#ifndef VENDLY_SERVER_STORE_PAGING_H_
#define VENDLY_SERVER_STORE_PAGING_H_

#include <string>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// One page of a list endpoint: ?page (from 1) and ?limit (1 to 100, default 20).
struct PageRequest {
  int page = 1;
  int limit = 20;
};

// The rows of one page of `SELECT <columns> FROM <from_where> ORDER BY <order>` (`params` are the
// $n of from_where), and the number of rows over all pages.
struct PageRows {
  Rows rows;
  long long total = 0;
};
Result<PageRows> QueryPage(Db& db, const std::string& columns, const std::string& from_where,
                           const std::string& order, Params params, const PageRequest& page);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_PAGING_H_
