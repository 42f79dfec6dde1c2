#include "meta/deletion.h"

#include <gtest/gtest.h>

#include "crypto/crypto.h"

namespace vendly::server {
namespace {

std::string Sign(const std::string& payload, const std::string& secret) {
  std::string encoded = Base64UrlEncode(payload);
  return Base64UrlEncode(HmacSha256(secret, encoded)) + "." + encoded;
}

TEST(SignedRequest, VerifiesMetasFormat) {
  auto p = VerifySignedRequest(
      Sign(R"({"algorithm":"HMAC-SHA256","issued_at":1700000000,"user_id":"1234"})", "secret"),
      "secret");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ((*p)["user_id"], "1234");
}

TEST(SignedRequest, RejectsForgeriesAndMalformedInput) {
  const std::string good = R"({"algorithm":"HMAC-SHA256","user_id":"1"})";
  EXPECT_FALSE(VerifySignedRequest(Sign(good, "other-secret"), "secret").ok());
  EXPECT_FALSE(VerifySignedRequest("", "secret").ok());
  EXPECT_FALSE(VerifySignedRequest("abc", "secret").ok());
  EXPECT_FALSE(VerifySignedRequest(".abc", "secret").ok());
  EXPECT_FALSE(
      VerifySignedRequest(Sign(R"({"algorithm":"none","user_id":"1"})", "secret"), "secret").ok());
  EXPECT_FALSE(
      VerifySignedRequest(Sign(R"({"algorithm":"HMAC-SHA256"})", "secret"), "secret").ok());
  EXPECT_FALSE(VerifySignedRequest(Sign("not json", "secret"), "secret").ok());
  // The payload changed after signing.
  std::string signed_request = Sign(good, "secret");
  signed_request.back() = signed_request.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifySignedRequest(signed_request, "secret").ok());
}

TEST(SignedRequest, AcceptsNumericUserIds) {
  auto p = VerifySignedRequest(Sign(R"({"algorithm":"HMAC-SHA256","user_id":42})", "s"), "s");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)["user_id"], "42");
}

}  // namespace
}  // namespace vendly::server
