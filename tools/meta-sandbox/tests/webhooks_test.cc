// Webhooks: signed deliveries to a receiver started by the test, the verification handshake, and
// the Page's subscribed_apps edge.
#include <atomic>
#include <mutex>
#include <thread>

#include "sandbox_harness.h"

namespace vendly::sandbox_test {
namespace {

// A tiny receiver that checks X-Hub-Signature-256 like the edge server must: 200 when valid, 401
// when not.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard<std::mutex> lock(mu_);
      body_ = request.body;
      signature_ = request.get_header_value("X-Hub-Signature-256");
      user_agent_ = request.get_header_value("User-Agent");
      response.status = signature_ == "sha256=" + HmacHex("sandbox-secret", body_) ? 200 : 401;
      response.set_content(response.status == 200 ? "EVENT_RECEIVED" : "bad signature",
                           "text/plain");
    });
    server_.Get("/hook", [](const httplib::Request& request, httplib::Response& response) {
      if (request.get_param_value("hub.mode") == "subscribe" &&
          request.get_param_value("hub.verify_token") == "sandbox-verify-token") {
        response.set_content(request.get_param_value("hub.challenge"), "text/plain");
      } else {
        response.status = 403;
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::string body() {
    std::lock_guard<std::mutex> lock(mu_);
    return body_;
  }
  std::string signature() {
    std::lock_guard<std::mutex> lock(mu_);
    return signature_;
  }
  std::string user_agent() {
    std::lock_guard<std::mutex> lock(mu_);
    return user_agent_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::string body_;
  std::string signature_;
  std::string user_agent_;
};

class Webhooks : public SandboxTest {};

// Base64url without padding, written here independently of the sandbox.
std::string Base64UrlForTest(const std::string& in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

std::string HexToBytes(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

TEST_F(Webhooks, DeauthorizeCallbackCarriesAValidSignedRequest) {
  httplib::Server receiver;
  std::mutex mu;
  std::string signed_request;
  receiver.Post("/deauthorize", [&](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mu);
    signed_request = request.get_param_value("signed_request");
    response.set_content("ok", "text/plain");
  });
  const int port = receiver.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { receiver.listen_after_bind(); });
  const std::string token = LongToken(kWanjiru);
  Reply sent = PostJson("/_sandbox/signed_request/deliver",
                        {{"url", "http://127.0.0.1:" + std::to_string(port) + "/deauthorize"},
                         {"user_id", kWanjiru}});
  receiver.stop();
  thread.join();
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json_body["status"], 200);
  std::lock_guard<std::mutex> lock(mu);
  const size_t dot = signed_request.find('.');
  ASSERT_NE(dot, std::string::npos) << signed_request;
  const std::string payload = signed_request.substr(dot + 1);
  EXPECT_EQ(signed_request.substr(0, dot),
            Base64UrlForTest(HexToBytes(HmacHex("sandbox-secret", payload))));
  // The user removed the app: their tokens stop working with 458.
  Reply me = Get("/me?access_token=" + Encode(token));
  EXPECT_EQ(me.json_body["error"]["code"], 190);
  EXPECT_EQ(me.json_body["error"]["error_subcode"], 458);
}

TEST_F(Webhooks, DeliversASignedCommentEvent) {
  Receiver receiver;
  Reply delivered =
      PostJson("/_sandbox/webhooks/deliver", {{"url", receiver.url()},
                                              {"kind", "comments"},
                                              {"media_id", "18000000000100001"},
                                              {"text", "Hii hoodie iko size XL? Bei gani?"}});
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  EXPECT_EQ(delivered.json_body["delivered"], true);
  EXPECT_EQ(delivered.json_body["status"], 200);
  EXPECT_EQ(delivered.json_body["response_body"], "EVENT_RECEIVED");
  EXPECT_EQ(receiver.signature(), "sha256=" + HmacHex("sandbox-secret", receiver.body()));
  EXPECT_EQ(receiver.user_agent(), "facebookexternalua");
  const json event = json::parse(receiver.body());
  EXPECT_EQ(event["object"], "instagram");
  EXPECT_EQ(event["entry"][0]["id"], kWanjiruIg);
  EXPECT_TRUE(event["entry"][0]["time"].is_number_integer());
  const json& change = event["entry"][0]["changes"][0];
  EXPECT_EQ(change["field"], "comments");
  EXPECT_EQ(change["value"]["media"]["id"], "18000000000100001");
  EXPECT_EQ(change["value"]["text"], "Hii hoodie iko size XL? Bei gani?");
}

TEST_F(Webhooks, BadSignatureAndCustomPayload) {
  Receiver receiver;
  Reply bad = PostJson("/_sandbox/webhooks/deliver", {{"url", receiver.url()},
                                                      {"kind", "mentions"},
                                                      {"account", kWanjiruIg},
                                                      {"signature", "bad"}});
  EXPECT_EQ(bad.json_body["status"], 401);
  const std::string raw = "{\"object\":\"instagram\",\"entry\":[]}";
  Reply exact =
      PostJson("/_sandbox/webhooks/deliver", {{"url", receiver.url()}, {"raw_body", raw}});
  EXPECT_EQ(exact.json_body["status"], 200);
  EXPECT_EQ(receiver.body(), raw);
  EXPECT_EQ(PostJson("/_sandbox/webhooks/deliver",
                     {{"url", "http://example.com/hook"}, {"raw_body", raw}})
                .status,
            400);
}

TEST_F(Webhooks, RetriesAndDuplicates) {
  Receiver receiver;
  // A bad signature is refused (401) every time: one try plus two retries.
  Reply retried = PostJson("/_sandbox/webhooks/deliver", {{"url", receiver.url()},
                                                          {"kind", "comments"},
                                                          {"account", kWanjiruIg},
                                                          {"signature", "bad"},
                                                          {"retries", 2}});
  EXPECT_EQ(retried.json_body["attempts"], (json{401, 401, 401}));
  Reply repeated = PostJson(
      "/_sandbox/webhooks/deliver",
      {{"url", receiver.url()}, {"kind", "mentions"}, {"account", kWanjiruIg}, {"repeat", 2}});
  EXPECT_EQ(repeated.json_body["attempts"], (json{200, 200}));
}

TEST_F(Webhooks, VerificationHandshake) {
  Receiver receiver;
  Reply ok = PostJson("/_sandbox/webhooks/verify", {{"url", receiver.url()}});
  EXPECT_EQ(ok.json_body["ok"], true) << ok.body;
  Reply wrong =
      PostJson("/_sandbox/webhooks/verify", {{"url", receiver.url()}, {"verify_token", "nope"}});
  EXPECT_EQ(wrong.json_body["ok"], false);
  EXPECT_EQ(wrong.json_body["status"], 403);
}

TEST_F(Webhooks, SubscribedAppsNeedsAPageToken) {
  const std::string token = LongToken(kWanjiru);
  const std::string page_token =
      Get("/me/accounts?access_token=" + Encode(token)).json_body["data"][0]["access_token"];
  const std::string path = "/v25.0/" + std::string(kWanjiruPage) + "/subscribed_apps";
  Reply with_user = PostForm(path, {{"subscribed_fields", "feed"}, {"access_token", token}});
  EXPECT_EQ(with_user.status, 403);
  EXPECT_EQ(with_user.json_body["error"]["code"], 210);
  Reply subscribed =
      PostForm(path + "?subscribed_fields=feed,mention", {{"access_token", page_token}});
  ASSERT_EQ(subscribed.status, 200) << subscribed.body;
  EXPECT_EQ(subscribed.json_body["success"], true);
  Reply listed = Get(path + "?access_token=" + Encode(page_token));
  ASSERT_EQ(listed.json_body["data"].size(), 1u);
  EXPECT_EQ(listed.json_body["data"][0]["id"], "sandbox-app");
  EXPECT_EQ(listed.json_body["data"][0]["subscribed_fields"], (json{"feed", "mention"}));
  Reply calls = Get("/_sandbox/calls");
  EXPECT_EQ(calls.json_body["by_endpoint"]["POST /{page-id}/subscribed_apps"], 2);
}

}  // namespace
}  // namespace vendly::sandbox_test
