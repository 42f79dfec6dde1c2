#include "crypto/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

namespace vendly::server {
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kNonceLen = 12;
constexpr std::size_t kTagLen = 16;

std::string Encode(std::string_view in, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    std::uint32_t v =
        (std::uint8_t(in[i]) << 16) | (std::uint8_t(in[i + 1]) << 8) | std::uint8_t(in[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  std::size_t rest = in.size() - i;
  if (rest == 1) {
    std::uint32_t v = std::uint8_t(in[i]) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    if (pad) out += "==";
  } else if (rest == 2) {
    std::uint32_t v = (std::uint8_t(in[i]) << 16) | (std::uint8_t(in[i + 1]) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    if (pad) out += '=';
  }
  return out;
}

std::optional<std::string> Decode(std::string_view in, const char* alphabet,
                                  bool padding_required) {
  int lookup[256];
  for (int& v : lookup) v = -1;
  for (int k = 0; k < 64; ++k) lookup[std::uint8_t(alphabet[k])] = k;
  std::size_t len = in.size();
  std::size_t pads = 0;
  while (len > 0 && in[len - 1] == '=') {
    --len;
    ++pads;
  }
  if (pads > 2) return std::nullopt;
  if (padding_required && (in.size() % 4 != 0)) return std::nullopt;
  if (pads > 0 && in.size() % 4 != 0) return std::nullopt;
  if (len % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(len * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t k = 0; k < len; ++k) {
    int v = lookup[std::uint8_t(in[k])];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | std::uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

std::string RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), int(n)) != 1) {
    std::fputs("fatal: RAND_bytes failed\n", stderr);
    std::abort();
  }
  return out;
}

std::string RandomToken() { return Base64UrlEncode(RandomBytes(32)); }

std::string Sha256(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return std::string(reinterpret_cast<char*>(md), sizeof(md));
}

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &md_len);
  return std::string(reinterpret_cast<char*>(md), md_len);
}

std::string HexEncode(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    out += kHex[(std::uint8_t(c) >> 4) & 15];
    out += kHex[std::uint8_t(c) & 15];
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Base64Encode(std::string_view bytes) { return Encode(bytes, kB64, true); }
std::optional<std::string> Base64Decode(std::string_view text) { return Decode(text, kB64, true); }
std::string Base64UrlEncode(std::string_view bytes) { return Encode(bytes, kB64Url, false); }
std::optional<std::string> Base64UrlDecode(std::string_view text) {
  return Decode(text, kB64Url, false);
}

namespace {
std::string Pbkdf2(std::string_view password, std::string_view salt, int iterations) {
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(password.data(), int(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()), int(salt.size()),
                    iterations, EVP_sha256(), sizeof(out), out);
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
}
}  // namespace

std::string HashPassword(std::string_view password, int iterations) {
  std::string salt = RandomBytes(16);
  return "pbkdf2_sha256$" + std::to_string(iterations) + "$" + Base64Encode(salt) + "$" +
         Base64Encode(Pbkdf2(password, salt, iterations));
}

bool VerifyPassword(std::string_view password, std::string_view encoded) {
  constexpr std::string_view kPrefix = "pbkdf2_sha256$";
  if (encoded.substr(0, kPrefix.size()) != kPrefix) return false;
  encoded.remove_prefix(kPrefix.size());
  auto d1 = encoded.find('$');
  if (d1 == std::string_view::npos) return false;
  auto d2 = encoded.find('$', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  std::string iter_text(encoded.substr(0, d1));
  if (iter_text.empty() || iter_text.size() > 8 ||
      iter_text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  int iterations = std::atoi(iter_text.c_str());
  if (iterations < 1000) return false;
  auto salt = Base64Decode(encoded.substr(d1 + 1, d2 - d1 - 1));
  auto hash = Base64Decode(encoded.substr(d2 + 1));
  if (!salt || !hash || hash->size() != 32) return false;
  return ConstantTimeEquals(Pbkdf2(password, *salt, iterations), *hash);
}

TokenCipher::TokenCipher(std::string key)
    : key_(std::move(key)), key_id_(Sha256Hex(key_).substr(0, 8)) {}

std::string TokenCipher::Seal(std::string_view plaintext) const {
  std::string nonce = RandomBytes(kNonceLen);
  std::string out = nonce;
  out.resize(kNonceLen + plaintext.size() + kTagLen);
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      EVP_CIPHER_CTX_free);
  int len = 0;
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  bool ok = ctx && key_.size() == 32 &&
            EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(kNonceLen), nullptr) == 1 &&
            EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr,
                               reinterpret_cast<const unsigned char*>(key_.data()),
                               reinterpret_cast<const unsigned char*>(nonce.data())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                              reinterpret_cast<const unsigned char*>(key_id_.data()),
                              int(key_id_.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), dst + kNonceLen, &len,
                              reinterpret_cast<const unsigned char*>(plaintext.data()),
                              int(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), dst + kNonceLen + len, &len) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int(kTagLen),
                                dst + kNonceLen + plaintext.size()) == 1;
  if (!ok) {
    std::fputs("fatal: AES-256-GCM encryption failed\n", stderr);
    std::abort();
  }
  return out;
}

std::optional<std::string> TokenCipher::Open(std::string_view sealed,
                                             std::string_view key_id) const {
  if (key_id != key_id_ || sealed.size() < kNonceLen + kTagLen || key_.size() != 32)
    return std::nullopt;
  std::size_t ct_len = sealed.size() - kNonceLen - kTagLen;
  std::string out(ct_len, '\0');
  std::string tag(sealed.substr(kNonceLen + ct_len));
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      EVP_CIPHER_CTX_free);
  int len = 0;
  unsigned char final_buf[16];
  bool ok = ctx &&
            EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(kNonceLen), nullptr) == 1 &&
            EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr,
                               reinterpret_cast<const unsigned char*>(key_.data()),
                               reinterpret_cast<const unsigned char*>(sealed.data())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                              reinterpret_cast<const unsigned char*>(key_id_.data()),
                              int(key_id_.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                              reinterpret_cast<const unsigned char*>(sealed.data() + kNonceLen),
                              int(ct_len)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(kTagLen), tag.data()) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), final_buf, &len) == 1;
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace vendly::server
