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

// Found by tests/fuzz/signed_request_fuzz: a correctly signed payload is read by type.
TEST(SignedRequest, AnAlgorithmThatIsNotAStringIsRefusedNotThrown) {
  // json::value("algorithm", "") threw a type_error: the callback answered 500, not 400.
  for (const char* payload :
       {R"({"algorithm":5,"user_id":"1"})", R"({"algorithm":null,"user_id":"1"})",
        R"({"algorithm":["HMAC-SHA256"],"user_id":"1"})"}) {
    auto p = VerifySignedRequest(Sign(payload, "s"), "s");
    ASSERT_FALSE(p.ok()) << payload;
    EXPECT_EQ(p.status().code(), "invalid_signed_request");
  }
}

TEST(SignedRequest, ANumericUserIdPast2To63KeepsItsDigits) {
  // The id was read as a long long: 18446744073709551615 became "-1".
  auto p = VerifySignedRequest(
      Sign(R"({"algorithm":"HMAC-SHA256","user_id":18446744073709551615})", "s"), "s");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)["user_id"], "18446744073709551615");
}

}  // namespace
}  // namespace vendly::server
