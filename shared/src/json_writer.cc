#include "json_writer.h"

#include <charconv>
#include <cmath>

#include "json_amount.h"

namespace vendly::internal {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one (overlong
// forms, surrogates and code points past U+10FFFF are invalid, as in RFC 3629).
std::size_t ValidSequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) { return (b(i + k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run that needs no escaping in one go.
    std::size_t run = i;
    while (run < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out->append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = ValidSequence(s, i);
      if (n == 0) {
        out->append("\xEF\xBF\xBD");  // U+FFFD for each byte that starts no valid sequence
        ++i;
      } else {
        out->append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
    ++i;
  }
  out->push_back('"');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    const uint64_t bit = uint64_t{1} << ((depth_ - 1) & 63);
    if (has_value_ & bit) out_->push_back(',');
    has_value_ |= bit;
  }
}

void JsonWriter::Open(char c) {
  BeforeValue();
  out_->push_back(c);
  ++depth_;
  has_value_ &= ~(uint64_t{1} << ((depth_ - 1) & 63));
}

void JsonWriter::Close(char c) {
  out_->push_back(c);
  if (depth_ > 0) --depth_;
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  out_->push_back('"');
  out_->append(key);  // keys are the core's own ASCII names: nothing to escape
  out_->append("\":", 2);
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(s, out_);
}

void JsonWriter::Int(long long v) {
  BeforeValue();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  out_->append(buffer, ec == std::errc() ? static_cast<std::size_t>(end - buffer) : 0);
}

void JsonWriter::Bool(bool v) {
  BeforeValue();
  out_->append(v ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
}

void JsonWriter::Amount(const std::optional<double>& amount) {
  BeforeValue();
  // Rare non-whole amounts go through nlohmann's number formatting, so every JSON the core writes
  // prints an amount the same way.
  out_->append(AmountJson(amount).dump());
}

void JsonWriter::Score(double score) {
  BeforeValue();
  if (!std::isfinite(score)) score = 0;
  const long long k = std::llround(std::fmin(1.0, std::fmax(0.0, score)) * 1000.0);
  const long long frac = k % 1000;
  char digits[5] = {static_cast<char>('0' + k / 1000), '.', static_cast<char>('0' + frac / 100),
                    static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10)};
  std::size_t n = 5;
  while (n > 3 && digits[n - 1] == '0') --n;  // "0.940" -> "0.94", "1.000" -> "1.0"
  out_->append(digits, n);
}

}  // namespace vendly::internal
