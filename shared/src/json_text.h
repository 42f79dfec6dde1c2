// The bytes of JSON strings, for the post reader and the result writer: which bytes stand for
// themselves inside a JSON string, found eight at a time, and which byte sequences are well-formed
// UTF-8. Both are on the hot path of every line the CLI reads and writes.
#ifndef VENDLY_SRC_JSON_TEXT_H_
#define VENDLY_SRC_JSON_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vendly::internal {

// True for the bytes a JSON string holds as they are: printable ASCII except '"' and '\\'.
constexpr bool IsPlainJsonByteTest(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}
// The same answer for every byte, looked up (the short strings of a result are tested bytewise).
struct PlainJsonBytes {
  bool plain[256];
};
constexpr PlainJsonBytes MakePlainJsonBytes() {
  PlainJsonBytes t{};
  for (int c = 0; c < 256; ++c) t.plain[c] = IsPlainJsonByteTest(static_cast<unsigned char>(c));
  return t;
}
inline constexpr PlainJsonBytes kPlainJsonBytes = MakePlainJsonBytes();
inline bool IsPlainJsonByte(unsigned char c) { return kPlainJsonBytes.plain[c]; }

// The first byte of [p, end) that is not plain (see IsPlainJsonByte), or `end`.
inline const char* SkipPlainJsonBytes(const char* p, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
#if defined(__SSE2__)
  // Sixteen at a time where the host has SSE2 (every x86-64): as signed bytes, those < 0x20 and
  // those >= 0x80 are exactly the ones below 0x20.
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i special = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (end - p >= 8) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    // High bit of a byte set where it is >= 0x80, < 0x20, '"' or '\\' (the usual "has zero byte"
    // tests: a borrow can only flag bytes above one that is really special, so the lowest flag is
    // exact).
    const uint64_t quote = v ^ (kOnes * '"');
    const uint64_t backslash = v ^ (kOnes * '\\');
    const uint64_t special = (v | ((v - kOnes * 0x20) & ~v) | ((quote - kOnes) & ~quote) |
                              ((backslash - kOnes) & ~backslash)) &
                             kHigh;
    if (special != 0) {
      // The lowest flagged byte in memory order. Byte order matters here, so find it bytewise on
      // big-endian hosts (none the core is built for today).
      if constexpr (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
        return p + (__builtin_ctzll(special) >> 3);
      } else {
        break;
      }
    }
    p += 8;
  }
  while (p < end && IsPlainJsonByte(static_cast<unsigned char>(*p))) ++p;
  return p;
}

// The length of the well-formed UTF-8 sequence at `p` (whose first byte is >= 0x80) within
// [p, end), or 0 when there is none: RFC 3629, so no overlong forms, no UTF-16 surrogates, nothing
// past U+10FFFF (nlohmann's rule for the strings it reads).
inline std::size_t Utf8SequenceAt(const char* p, const char* end) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(p[k]); };
  const std::size_t left = static_cast<std::size_t>(end - p);
  const unsigned char c = b(0);
  const auto in = [&](std::size_t k, unsigned char lo, unsigned char hi) {
    return b(k) >= lo && b(k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && in(1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;  // overlong
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;  // UTF-16 surrogates
    return in(1, lo, hi) && in(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;  // overlong
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;  // past U+10FFFF
    return in(1, lo, hi) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

}  // namespace vendly::internal

#endif  // VENDLY_SRC_JSON_TEXT_H_
