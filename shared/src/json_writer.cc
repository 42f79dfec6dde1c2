#include "json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "json_amount.h"
#include "json_text.h"

namespace vendly::internal {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// The text of every score k / 1000 (k in 0..1000) as Score writes it: "0.0", "0.94", "0.905", "1.0"
// (three decimals at most, trailing zeros dropped down to one). text[7] holds the length.
struct ScoreTexts {
  char text[1001][8];
};
constexpr ScoreTexts MakeScoreTexts() {
  ScoreTexts t{};
  for (int k = 0; k <= 1000; ++k) {
    const int frac = k % 1000;
    char* d = t.text[k];
    d[0] = static_cast<char>('0' + k / 1000);
    d[1] = '.';
    d[2] = static_cast<char>('0' + frac / 100);
    d[3] = static_cast<char>('0' + frac / 10 % 10);
    d[4] = static_cast<char>('0' + frac % 10);
    int n = 5;
    while (n > 3 && d[n - 1] == '0') --n;
    d[7] = static_cast<char>(n);
  }
  return t;
}
constexpr ScoreTexts kScoreTexts = MakeScoreTexts();

}  // namespace

JsonWriter::JsonWriter(std::string* out, std::size_t expected_size)
    : out_(out), size_(out->size()) {
  out_->resize(size_ + expected_size);
  out_->resize(out_->capacity());  // the whole allocation is usable
}

JsonWriter::JsonWriter(std::string* buffer, Scratch) : out_(buffer), size_(0), scratch_(true) {
  if (out_->size() < 256) {
    out_->resize(256);
    out_->resize(out_->capacity());
  }
}

void JsonWriter::Grow(std::size_t n) {
  out_->resize(std::max(out_->size() * 2, size_ + n + 64));
  out_->resize(out_->capacity());
}

void JsonWriter::WriteString(std::string_view s) {
  const char* p = s.data();
  const char* const end = p + s.size();
  // Room for the quotes and every byte as it is; a byte that grows (an escape, U+FFFD for a byte of
  // invalid UTF-8) asks for more. So at `w` there is always room for the rest and the closing
  // quote.
  char* w = Room(s.size() + 2);
  *w++ = '"';
  for (;;) {
    const char* plain_end = SkipPlainJsonBytes(p, end);
    std::memcpy(w, p, static_cast<std::size_t>(plain_end - p));
    w += plain_end - p;
    p = plain_end;
    if (p == end) break;
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const std::size_t n = Utf8SequenceAt(p, end);
      if (n != 0) {
        std::memcpy(w, p, n);
        w += n;
        p += n;
        continue;
      }
    }
    // One byte becomes up to six.
    size_ = static_cast<std::size_t>(w - out_->data());
    w = Room(static_cast<std::size_t>(end - p) + 6);
    ++p;
    if (c >= 0x80) {
      std::memcpy(w, "\xEF\xBF\xBD", 3);  // U+FFFD for each byte that starts no valid sequence
      w += 3;
      continue;
    }
    *w++ = '\\';
    switch (c) {
      case '"':
      case '\\':
        *w++ = static_cast<char>(c);
        break;
      case '\b':
        *w++ = 'b';
        break;
      case '\f':
        *w++ = 'f';
        break;
      case '\n':
        *w++ = 'n';
        break;
      case '\r':
        *w++ = 'r';
        break;
      case '\t':
        *w++ = 't';
        break;
      default:
        std::memcpy(w, "u00", 3);
        w[3] = kHex[c >> 4];
        w[4] = kHex[c & 0xF];
        w += 5;
    }
  }
  *w++ = '"';
  size_ = static_cast<std::size_t>(w - out_->data());
}

void AppendJsonString(std::string_view s, std::string* out) {
  JsonWriter w(out, s.size() + 2);
  w.WriteString(s);
}

void JsonWriter::Int(long long v) {
  BeforeValue();
  char* w = Room(24);
  auto [end, ec] = std::to_chars(w, w + 24, v);
  size_ += ec == std::errc() ? static_cast<std::size_t>(end - w) : 0;
}

void JsonWriter::Amount(const std::optional<double>& amount) {
  // Absent and whole amounts (nearly all) are written here as AmountJson would; rare others go
  // through nlohmann's number formatting, so every JSON the core writes prints an amount the same
  // way.
  if (!amount || !std::isfinite(*amount)) return Null();
  if (std::fabs(*amount) < 9e15 && *amount == std::floor(*amount)) {
    return Int(static_cast<long long>(*amount));
  }
  BeforeValue();
  Put(AmountJson(amount).dump());
}

void JsonWriter::Span(uint32_t begin, uint32_t end) {
  BeforeValue();
  char* const start = Room(24);
  char* w = start;
  *w++ = '[';
  w = std::to_chars(w, w + 10, begin).ptr;
  *w++ = ',';
  w = std::to_chars(w, w + 10, end).ptr;
  *w++ = ']';
  size_ += static_cast<std::size_t>(w - start);
}

void JsonWriter::Score(double score) {
  BeforeValue();
  if (!std::isfinite(score)) score = 0;
  // llround for x in [0, 1000], without the library call: the fraction x - floor(x) is exact.
  const double x = std::fmin(1.0, std::fmax(0.0, score)) * 1000.0;
  long long k = static_cast<long long>(x);
  if (x - static_cast<double>(k) >= 0.5) ++k;
  // Eight bytes copied at once (the room is there), of which the text's length count.
  const char* text = kScoreTexts.text[k];
  std::memcpy(Room(8), text, 8);
  size_ += static_cast<std::size_t>(text[7]);
}

}  // namespace vendly::internal
