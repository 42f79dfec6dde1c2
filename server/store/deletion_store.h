// Meta's data-deletion and deauthorize requests (plan 9): the data_deletion_request rows, and the
// cascade that removes what the app holds from a Facebook user's Instagram connections (drafts,
// webhook events, copied media, the caption and extraction kept on products, the connections).
// meta/deletion.cc verifies the request and gives these statements their order.
#ifndef VENDLY_SERVER_STORE_DELETION_STORE_H_
#define VENDLY_SERVER_STORE_DELETION_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// The stores whose Instagram connection was made by Facebook user `fb_user_id`.
Result<std::vector<std::string>> StoresConnectedBy(Conn& conn, const std::string& fb_user_id);

// Deletes the drafts, webhook events and copied Instagram media of those stores and clears the
// Instagram caption and extraction kept on their products; the connections stay.
Status EraseInstagramData(Conn& conn, const std::string& fb_user_id);

// Deletes the connections of `fb_user_id`: how many there were.
Result<long> DeleteConnectionsOf(Conn& conn, const std::string& fb_user_id);

struct DeletionRequest {
  std::string confirmation_code;
  std::string kind;  // data_deletion, deauthorize
  std::string fb_user_id;
  long connections_removed = 0;
};
// Records a completed request.
Status RecordDeletionRequest(Conn& conn, const DeletionRequest& request);

struct DeletionRequestRow {
  DeletionRequest request;  // fb_user_id is not read back
  std::string status;       // received, completed, failed
  std::string requested_at;
  std::optional<std::string> completed_at;
};
// The request with `confirmation_code`; nullopt when there is none.
Result<std::optional<DeletionRequestRow>> FindDeletionRequest(Db& db,
                                                              const std::string& confirmation_code);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_DELETION_STORE_H_
