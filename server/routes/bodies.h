// The request bodies of the API's routes, read into typed inputs: every check a route makes of what
// a client sent before it touches the database. Pure (the core and nlohmann/json), so the fuzz
// targets (tests/fuzz) read bodies exactly as the routes do. A bad body is a 400 invalid_request
// (415 for a multipart one) naming the field.
#ifndef VENDLY_SERVER_BODIES_H_
#define VENDLY_SERVER_BODIES_H_

#include <vendly/conflict.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/status.h"
#include "http/json_body.h"
#include "store/scan_store.h"    // ScanRequest
#include "store/seller_store.h"  // StorePatch

namespace vendly::server {

// The largest `limit` of a scan, and of a batch approval.
inline constexpr int kMaxScanLimit = 10000;
inline constexpr int kMaxBatchApprove = 200;

// POST /api/auth/signup: email, password, storeName, currency.
struct SignupInput {
  std::string email;
  std::string password;
  std::string store_name;
  std::string currency;
};
Result<SignupInput> ReadSignupBody(const nlohmann::json& body);

// POST /api/auth/login: email, password.
struct LoginInput {
  std::string email;
  std::string password;
};
Result<LoginInput> ReadLoginBody(const nlohmann::json& body);

// PATCH /api/stores/:id: name, currency, autoApprove, aiSecondOpinion, autoApproveThreshold, each
// optional.
Result<StorePatch> ReadStorePatchBody(const nlohmann::json& body);

// POST /api/instagram/scan: limit, includeVideos, includeCarousels, since; an empty body asks for
// the defaults.
Result<ScanRequest> ReadScanBody(std::string_view body, std::string_view content_type);

// POST /api/drafts/:id/reject: an optional reason (an empty body has none).
Result<std::optional<std::string>> ReadRejectBody(std::string_view body,
                                                  std::string_view content_type);

// POST /api/drafts/batch-approve: draftIds, 1 to kMaxBatchApprove ids, duplicates dropped.
Result<std::vector<std::string>> ReadBatchApproveBody(const nlohmann::json& body);

// POST /api/sync/conflicts/:id/resolve: choice and, for "value", value (the core's
// ReadSellerChoice).
Result<vendly::SellerChoice> ReadConflictChoiceBody(const nlohmann::json& body);

// Seconds since the epoch of an ISO 8601 date or date-time ("2026-05-01", "2026-05-01T10:00:00Z",
// Meta's "2026-11-20T08:15:30+0000", "+03:00", fractional seconds); nullopt when it is none of
// those.
std::optional<long long> ParseTimestamp(const std::string& text);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_BODIES_H_
