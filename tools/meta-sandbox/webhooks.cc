#include "webhooks.h"

#include <httplib.h>

#include "crypto.h"
#include "http_util.h"

namespace vendly::sandbox {

using nlohmann::json;

std::optional<LoopbackUrl> ParseLoopbackUrl(const std::string& url, std::string* error) {
  const std::string prefix = "http://";
  if (url.rfind(prefix, 0) != 0) {
    *error = "url must start with http://";
    return std::nullopt;
  }
  size_t slash = url.find('/', prefix.size());
  std::string authority = url.substr(
      prefix.size(), slash == std::string::npos ? std::string::npos : slash - prefix.size());
  std::string host = authority;
  if (!authority.empty() && authority[0] == '[') {
    host = authority.substr(0, authority.find(']') + 1);
  } else if (size_t colon = authority.rfind(':'); colon != std::string::npos) {
    host = authority.substr(0, colon);
  }
  if (host != "127.0.0.1" && host != "localhost" && host != "[::1]") {
    *error = "the sandbox delivers only to loopback hosts (127.0.0.1, localhost, [::1])";
    return std::nullopt;
  }
  return LoopbackUrl{prefix + authority, slash == std::string::npos ? "/" : url.substr(slash)};
}

std::string SignatureHeader(const std::string& secret, const std::string& body) {
  return "sha256=" + HmacSha256Hex(secret, body);
}

json WebhookPayload(const WebhookEvent& event, const std::string& comment_id) {
  json value;
  if (event.kind == "mentions") {
    value = {{"media_id", event.media_id}, {"comment_id", comment_id}};
  } else {
    value = {{"from", {{"id", "17841400999000111"}, {"username", event.from_username}}},
             {"media", {{"id", event.media_id}, {"media_product_type", "FEED"}}},
             {"id", comment_id},
             {"text", event.text}};
  }
  return {{"object", "instagram"},
          {"entry",
           json::array({{{"id", event.account_id},
                         {"time", event.time},
                         {"changes", json::array({{{"field", event.kind}, {"value", value}}})}}})}};
}

namespace {

DeliveryResult FromResult(const httplib::Result& result) {
  DeliveryResult out;
  if (!result) {
    out.error = "no answer: " + httplib::to_string(result.error());
    return out;
  }
  out.delivered = true;
  out.status = result->status;
  out.body = result->body.substr(0, 2000);
  return out;
}

httplib::Client MakeClient(const LoopbackUrl& url, int timeout_ms) {
  httplib::Client client(url.scheme_host_port);
  const time_t seconds = timeout_ms / 1000;
  const time_t micros = (timeout_ms % 1000) * 1000;
  client.set_connection_timeout(seconds, micros);
  client.set_read_timeout(seconds, micros);
  client.set_write_timeout(seconds, micros);
  return client;
}

}  // namespace

DeliveryResult Deliver(const LoopbackUrl& url, const std::string& body,
                       const std::string& signature, int timeout_ms) {
  httplib::Client client = MakeClient(url, timeout_ms);
  httplib::Headers headers = {{"User-Agent", "facebookexternalua"}};
  if (!signature.empty()) headers.emplace("X-Hub-Signature-256", signature);
  return FromResult(client.Post(url.path_and_query.c_str(), headers, body, "application/json"));
}

std::string SignedRequest(const std::string& secret, const std::string& user_id,
                          int64_t issued_at) {
  const std::string payload = Base64Url(
      json{{"algorithm", "HMAC-SHA256"}, {"issued_at", issued_at}, {"user_id", user_id}}.dump());
  return Base64Url(HmacSha256Raw(secret, payload)) + "." + payload;
}

DeliveryResult PostSignedRequest(const LoopbackUrl& url, const std::string& signed_request,
                                 int timeout_ms) {
  httplib::Client client = MakeClient(url, timeout_ms);
  httplib::Params form{{"signed_request", signed_request}};
  return FromResult(
      client.Post(url.path_and_query.c_str(), {{"User-Agent", "facebookexternalua"}}, form));
}

DeliveryResult Verify(const LoopbackUrl& url, const std::string& verify_token,
                      const std::string& challenge, int timeout_ms) {
  httplib::Client client = MakeClient(url, timeout_ms);
  std::string path = url.path_and_query;
  path += (path.find('?') == std::string::npos ? "?" : "&");
  path += "hub.mode=subscribe&hub.challenge=" + EncodeQueryValue(challenge) +
          "&hub.verify_token=" + EncodeQueryValue(verify_token);
  return FromResult(client.Get(path.c_str(), {{"User-Agent", "facebookplatform/1.0"}}));
}

}  // namespace vendly::sandbox
