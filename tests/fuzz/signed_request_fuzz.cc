// Fuzzes the signed_request of Meta's data-deletion and deauthorize callbacks
// (VerifySignedRequest): the input as a signed_request as sent (nothing forged verifies), and the
// input as the payload of a request signed with the app secret, so the fuzzer reaches the payload's
// reading. Invariants: a payload is accepted only when correctly signed, and then its user_id is a
// non-empty string and its algorithm HMAC-SHA256 in any case.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/crypto.h"
#include "fuzz_support.h"
#include "meta/signed_request.h"

namespace {

using vendly::fuzz::Check;
using namespace vendly::server;

constexpr char kSecret[] = "fuzz-app-secret";

void CheckAccepted(const Result<nlohmann::json>& payload) {
  if (!payload.ok()) {
    Check(payload.status().code() == "invalid_signed_request");
    return;
  }
  Check(payload->is_object());
  Check((*payload)["user_id"].is_string() && !(*payload)["user_id"].get<std::string>().empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);

  // As sent: an arbitrary string cannot carry the HMAC of its payload.
  auto as_sent = VerifySignedRequest(input, kSecret);
  CheckAccepted(as_sent);

  // Signed correctly: the payload is read.
  const std::string encoded = Base64UrlEncode(input);
  const std::string signed_request = Base64UrlEncode(HmacSha256(kSecret, encoded)) + "." + encoded;
  auto verified = VerifySignedRequest(signed_request, kSecret);
  CheckAccepted(verified);
  // The same request under another secret never verifies.
  Check(!VerifySignedRequest(signed_request, "another-secret").ok());
  return 0;
}
