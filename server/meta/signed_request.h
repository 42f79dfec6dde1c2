// Meta's signed_request, the body of the data-deletion and deauthorize callbacks (meta/deletion.h):
// base64url(HMAC-SHA256(app secret, encoded payload)) "." base64url(payload JSON). Pure (OpenSSL
// only), so the fuzz targets call what the callbacks call.
#ifndef VENDLY_SERVER_SIGNED_REQUEST_H_
#define VENDLY_SERVER_SIGNED_REQUEST_H_

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

#endif  // VENDLY_SERVER_SIGNED_REQUEST_H_
