#include "crypto/crypto.h"

#include <gtest/gtest.h>

namespace vendly::server {
namespace {

TEST(Crypto, Base64RoundTripsEveryLength) {
  for (std::size_t n = 0; n < 40; ++n) {
    std::string bytes = RandomBytes(n);
    EXPECT_EQ(Base64Decode(Base64Encode(bytes)).value(), bytes);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(bytes)).value(), bytes);
    EXPECT_EQ(Base64UrlEncode(bytes).find_first_of("+/="), std::string::npos);
  }
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Crypto, Base64RejectsBadInput) {
  EXPECT_FALSE(Base64Decode("Zm9v!").has_value());
  EXPECT_FALSE(Base64Decode("Zm8").has_value());  // padding required
  EXPECT_FALSE(Base64Decode("Z===").has_value());
  EXPECT_FALSE(Base64UrlDecode("a+b").has_value());
  EXPECT_EQ(Base64UrlDecode("Zm8=").value(), "fo");
}

TEST(Crypto, Sha256AndHmacMatchKnownVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

TEST(Crypto, RandomTokensAreLongAndDistinct) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
}

TEST(Crypto, PasswordHashVerifiesOnlyTheRightPassword) {
  std::string hash = HashPassword("correct horse", 2000);
  EXPECT_EQ(hash.rfind("pbkdf2_sha256$2000$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse", hash));
  EXPECT_FALSE(VerifyPassword("correct horsf", hash));
  EXPECT_NE(HashPassword("correct horse", 2000), hash);  // salted
  EXPECT_FALSE(VerifyPassword("x", "plain"));
  EXPECT_FALSE(VerifyPassword("x", "pbkdf2_sha256$abc$x$y"));
  EXPECT_FALSE(VerifyPassword("x", "pbkdf2_sha256$10$AAAA$AAAA"));  // too few iterations
}

TEST(Crypto, TokenCipherSealsAndOpens) {
  TokenCipher cipher(RandomBytes(32));
  EXPECT_EQ(cipher.key_id().size(), 8u);
  std::string sealed = cipher.Seal("EAAB-secret-token");
  EXPECT_EQ(sealed.find("EAAB-secret-token"), std::string::npos);
  EXPECT_EQ(sealed.size(), 12 + 17 + 16u);
  EXPECT_EQ(cipher.Open(sealed, cipher.key_id()).value(), "EAAB-secret-token");
  EXPECT_NE(cipher.Seal("EAAB-secret-token"), sealed);  // fresh nonce
  EXPECT_EQ(cipher.Open(cipher.Seal(""), cipher.key_id()).value(), "");
}

TEST(Crypto, TokenCipherRejectsTamperingAndOtherKeys) {
  TokenCipher cipher(RandomBytes(32));
  std::string sealed = cipher.Seal("token");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string bad = sealed;
    bad[i] = char(bad[i] ^ 1);
    EXPECT_FALSE(cipher.Open(bad, cipher.key_id()).has_value()) << i;
  }
  EXPECT_FALSE(cipher.Open(sealed, "deadbeef").has_value());
  EXPECT_FALSE(cipher.Open("short", cipher.key_id()).has_value());
  TokenCipher other(RandomBytes(32));
  EXPECT_FALSE(other.Open(sealed, other.key_id()).has_value());
}

}  // namespace
}  // namespace vendly::server
