// Meta's data-deletion and deauthorize callbacks. Both carry a `signed_request`:
// base64url(HMAC-SHA256(app secret, encoded payload)) "." base64url(payload JSON). A verified
// request removes the Instagram data of every store connected by that Facebook user; the
// data-deletion answer points at a status URL that shows the request's progress.
#ifndef VENDLY_SERVER_DELETION_H_
#define VENDLY_SERVER_DELETION_H_

#include <nlohmann/json.hpp>
#include <string>

#include "app/status.h"

namespace vendly::server {

// The payload of a signed_request whose signature verifies with `app_secret` (constant-time
// compare) and whose algorithm is HMAC-SHA256. 400 invalid_signed_request otherwise; the payload
// must carry a string user_id.
Result<nlohmann::json> VerifySignedRequest(const std::string& signed_request,
                                           const std::string& app_secret);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_DELETION_H_
