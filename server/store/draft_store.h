// Product drafts: the product_draft table, one row per product of an Instagram post, upserted by
// (store, media id, item index). The only code that names the table besides the listing pages.
#ifndef VENDLY_SERVER_STORE_DRAFT_STORE_H_
#define VENDLY_SERVER_STORE_DRAFT_STORE_H_

#include <string>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// The SELECT list of a whole draft over product_draft d (rendered by DraftJson).
extern const char kDraftColumns[];

struct DraftRows {
  Rows rows;  // kDraftColumns
  long long total = 0;
};
// The newest `limit` drafts a scan made (its sync history row), and how many it made in all.
Result<DraftRows> ScanDrafts(Conn& conn, const std::string& scan_id, const std::string& store_id,
                             int limit);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_DRAFT_STORE_H_
