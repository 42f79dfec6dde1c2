// Fuzzes what POST /api/webhooks/instagram does with a delivery before it touches the database: the
// X-Hub-Signature-256 check over the raw bytes and the reading of the body into changes
// (ReadWebhookDelivery: nesting guard, JSON object, ExtractWebhookChanges). The input is the body,
// then after a 0xFF byte an arbitrary signature header. Invariants: the right signature verifies
// and any other does not; an accepted delivery's nesting is what JsonNestingDepth measured; every
// change has a 64-hex dedupe key, a raw object that serialises, and is handled exactly when it has
// no reason to be ignored (object "instagram", an entry id, a handled field, not messaging).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/crypto.h"
#include "fuzz_support.h"
#include "meta/webhook_payload.h"

namespace {

using vendly::fuzz::Check;
using vendly::server::CheckHubSignature;
using vendly::server::SignatureCheck;

constexpr char kSecret[] = "fuzz-app-secret";

// Depth of arrays and objects, counted the way JsonNestingDepth counts them. Bounded: only called
// on values ReadWebhookDelivery accepted (at most kMaxWebhookNesting deep).
int Depth(const nlohmann::json& v) {
  if (!v.is_structured()) return 0;
  int deepest = 0;
  for (const auto& child : v) deepest = std::max(deepest, Depth(child));
  return deepest + 1;
}

bool IsLowerHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

void CheckSignatures(const std::string& body, const std::string& header) {
  const std::string good =
      "sha256=" + vendly::server::HexEncode(vendly::server::HmacSha256(kSecret, body));
  Check(CheckHubSignature(kSecret, body, good) == SignatureCheck::kValid);
  std::string upper = good;
  for (std::size_t i = 7; i < upper.size(); ++i)
    if (upper[i] >= 'a' && upper[i] <= 'f') upper[i] = char(upper[i] - 'a' + 'A');
  Check(CheckHubSignature(kSecret, body, upper) == SignatureCheck::kValid);
  std::string flipped = good;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  Check(CheckHubSignature(kSecret, body, flipped) == SignatureCheck::kMismatch);
  const SignatureCheck any = CheckHubSignature(kSecret, body, header);
  Check(any != SignatureCheck::kValid || header.size() == good.size());
  Check(CheckHubSignature(kSecret, body, "") == SignatureCheck::kMissing);
}

void CheckChange(const vendly::server::WebhookChange& c, const std::string& object) {
  Check(IsLowerHex64(c.dedupe_key));
  Check(c.raw.is_object());
  (void)c.raw.dump();  // strict UTF-8: the body was valid UTF-8, so every string is
  Check(c.handled == c.ignore_reason.empty());
  if (c.handled) {
    Check(object == "instagram" && !c.ig_user_id.empty() && c.event_type != "messaging");
    Check(vendly::server::IsHandledWebhookField(c.field));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> p =
      vendly::fuzz::Parts(std::string_view(reinterpret_cast<const char*>(data), size), 2);
  const std::string& body = p[0];
  CheckSignatures(body, p[1]);

  auto delivery = vendly::server::ReadWebhookDelivery(body, "application/json");
  const int measured = vendly::server::JsonNestingDepth(body);
  if (!delivery.ok()) {
    Check(delivery.status().kind() == vendly::StatusKind::kInvalidArgument);
    return 0;
  }
  Check(measured <= vendly::server::kMaxWebhookNesting);
  Check(Depth(nlohmann::json::parse(body)) == measured);
  for (const auto& change : delivery->changes) CheckChange(change, delivery->object);
  // The same bytes give the same changes: a redelivery is recognised by its keys.
  auto again = vendly::server::ReadWebhookDelivery(body, "application/json");
  Check(again.ok() && again->changes.size() == delivery->changes.size());
  for (std::size_t i = 0; i < again->changes.size(); ++i)
    Check(again->changes[i].dedupe_key == delivery->changes[i].dedupe_key);
  return 0;
}
