// Cryptography for the edge server, all on OpenSSL: random tokens, SHA-256, HMAC-SHA256,
// constant-time comparison, base64/base64url, password hashing (PBKDF2-HMAC-SHA256, salted, slow)
// and AES-256-GCM encryption of stored access tokens under a key id so keys can rotate.
#ifndef VENDLY_SERVER_CRYPTO_H_
#define VENDLY_SERVER_CRYPTO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vendly::server {

// `n` bytes from the OpenSSL CSPRNG. Aborts the process if the CSPRNG fails (never returns weak
// bytes).
std::string RandomBytes(std::size_t n);
// 32 random bytes as base64url without padding (43 characters): session tokens, OAuth state.
std::string RandomToken();

std::string Sha256(std::string_view data);                            // 32 raw bytes
std::string Sha256Hex(std::string_view data);                         // 64 lowercase hex characters
std::string HmacSha256(std::string_view key, std::string_view data);  // 32 raw bytes
std::string HexEncode(std::string_view bytes);

// True when a and b are equal; the time taken depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

std::string Base64Encode(std::string_view bytes);
// nullopt on characters outside the alphabet or bad padding. Whitespace is not accepted.
std::optional<std::string> Base64Decode(std::string_view text);
std::string Base64UrlEncode(std::string_view bytes);  // no padding
// Accepts the url alphabet with or without '=' padding.
std::optional<std::string> Base64UrlDecode(std::string_view text);

// PBKDF2-HMAC-SHA256 with a 16-byte random salt. Returns "pbkdf2_sha256$<iterations>$<salt
// b64>$<hash b64>".
std::string HashPassword(std::string_view password, int iterations = 120000);
// True when `password` matches a string from HashPassword (in constant time); false on any
// malformed hash.
bool VerifyPassword(std::string_view password, std::string_view encoded);

// AES-256-GCM with a key id. Sealed layout: 12-byte nonce | ciphertext | 16-byte tag; the key id is
// bound as additional authenticated data, so a ciphertext cannot be reattributed to another key.
class TokenCipher {
 public:
  // `key` must be 32 bytes. The key id is derived from the key (first 8 hex of SHA-256 of it), so
  // the database records which key sealed each token without holding anything that reveals the key.
  explicit TokenCipher(std::string key);
  const std::string& key_id() const { return key_id_; }
  // Encrypts with a fresh random nonce.
  std::string Seal(std::string_view plaintext) const;
  // nullopt when `key_id` is not this key's id, or the data was altered or is too short.
  std::optional<std::string> Open(std::string_view sealed, std::string_view key_id) const;

 private:
  std::string key_;
  std::string key_id_;
};

}  // namespace vendly::server

#endif  // VENDLY_SERVER_CRYPTO_H_
