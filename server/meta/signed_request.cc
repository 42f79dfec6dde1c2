#include "meta/signed_request.h"

#include "crypto/crypto.h"

namespace vendly::server {

Result<nlohmann::json> VerifySignedRequest(const std::string& signed_request,
                                           const std::string& app_secret) {
  const Status bad(StatusKind::kInvalidArgument, "invalid_signed_request",
                   "signed_request is missing or does not verify");
  if (signed_request.empty() || signed_request.size() > 8192) return bad;
  const std::size_t dot = signed_request.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= signed_request.size()) return bad;
  const std::string encoded_sig = signed_request.substr(0, dot);
  const std::string encoded_payload = signed_request.substr(dot + 1);
  auto sig = Base64UrlDecode(encoded_sig);
  if (!sig) return bad;
  if (!ConstantTimeEquals(*sig, HmacSha256(app_secret, encoded_payload))) return bad;
  auto payload_text = Base64UrlDecode(encoded_payload);
  if (!payload_text) return bad;
  nlohmann::json payload = nlohmann::json::parse(*payload_text, nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) return bad;
  // Typed reads only: json::value("algorithm", "") throws when the field is not a string.
  if (!payload.contains("algorithm") || !payload["algorithm"].is_string()) return bad;
  std::string algorithm = payload["algorithm"].get<std::string>();
  for (char& c : algorithm) c = char((c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c);
  if (algorithm != "HMAC-SHA256") return bad;
  // A numeric id keeps its digits, also past 2^63 (read as unsigned, never cast to a negative).
  if (payload.contains("user_id") && payload["user_id"].is_number_unsigned())
    payload["user_id"] = std::to_string(payload["user_id"].get<unsigned long long>());
  else if (payload.contains("user_id") && payload["user_id"].is_number_integer())
    payload["user_id"] = std::to_string(payload["user_id"].get<long long>());
  if (!payload.contains("user_id") || !payload["user_id"].is_string() ||
      payload["user_id"].get<std::string>().empty())
    return bad;
  return payload;
}

}  // namespace vendly::server
