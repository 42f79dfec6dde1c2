// Randomness and HMAC for the sandbox: opaque tokens and codes, fbtrace ids, webhook signatures and
// the signatures of the sandbox's own CDN URLs. OpenSSL underneath.
#ifndef VENDLY_SERVER_SANDBOX_CRYPTO_H_
#define VENDLY_SERVER_SANDBOX_CRYPTO_H_

#include <optional>
#include <string>

namespace vendly::sandbox {

// `length` characters from [A-Za-z0-9_-], drawn from OpenSSL's CSPRNG.
std::string RandomUrlSafe(size_t length);

// Lowercase hex of HMAC-SHA256(key, message).
std::string HmacSha256Hex(const std::string& key, const std::string& message);

// Raw 32 bytes of HMAC-SHA256(key, message).
std::string HmacSha256Raw(const std::string& key, const std::string& message);

// Base64url without padding (RFC 4648 section 5), as Meta's signed_request and cursors use.
std::string Base64Url(const std::string& in);

// The inverse of Base64Url; also accepts the standard alphabet and padding. nullopt on other
// characters.
std::optional<std::string> UnBase64Url(const std::string& in);

// Constant-time comparison of two strings (length leaks, content does not).
bool ConstantTimeEquals(const std::string& a, const std::string& b);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_CRYPTO_H_
