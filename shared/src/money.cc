#include "vendly/money.h"

#include <cmath>
#include <cstdint>

#include "money_number.h"
#include "money_text.h"

namespace vendly {
namespace internal {

namespace {

constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr int kMaxSignificantDigits = 19;  // fits a uint64_t
constexpr uint64_t kMaxExactMantissa = uint64_t{1} << 53;

// What kind of character a number may hold at a position, and its byte length.
enum class Piece { kDigit, kDot, kComma, kGroup, kOther };

Piece PieceAt(std::string_view s, std::size_t i, std::size_t* length) {
  *length = 1;
  const char c = s[i];
  if (IsDigit(c)) return Piece::kDigit;
  if (c == '.') return Piece::kDot;
  if (c == ',') return Piece::kComma;
  std::size_t n = SpaceAt(s, i);
  if (n == 0) n = ApostropheAt(s, i);
  if (n > 0 && c != '\t') {
    *length = n;
    return Piece::kGroup;
  }
  return Piece::kOther;
}

}  // namespace

void DigitAccumulator::Add(char digit, bool fraction) {
  const uint64_t d = static_cast<uint64_t>(digit - '0');
  any_digit_ = true;
  if (mantissa_ == 0 && d == 0) {
    if (fraction) --exponent_;  // leading zeros only move the decimal point
    return;
  }
  if (significant_ < kMaxSignificantDigits) {
    mantissa_ = mantissa_ * 10 + d;
    ++significant_;
    if (fraction) --exponent_;
  } else if (!fraction) {
    ++exponent_;  // digits past what a uint64_t holds still scale an integer part
  }
}

std::optional<double> DigitAccumulator::Value(int extra_exponent) const {
  if (!any_digit_) return std::nullopt;
  if (mantissa_ == 0) return 0.0;
  const long long e = exponent_ + extra_exponent;
  const double m = static_cast<double>(mantissa_);
  // Exact operands give a correctly rounded result (the classic fast path of decimal conversion).
  if (mantissa_ <= kMaxExactMantissa && e >= -22 && e <= 22) {
    return e >= 0 ? m * kPowersOfTen[e] : m / kPowersOfTen[-e];
  }
  if (e > 400) return std::nullopt;  // not a price anyone writes; and not finite
  if (e < -400) return 0.0;
  double v = m;
  long long rest = e;
  while (rest > 22) {
    v *= 1e22;
    rest -= 22;
  }
  while (rest < -22) {
    v /= 1e22;
    rest += 22;
  }
  v = rest >= 0 ? v * kPowersOfTen[rest] : v / kPowersOfTen[-rest];
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

int MultiplierSuffix(std::string_view* text) {
  if (text->empty()) return 0;
  const char c = text->back();
  int exponent = 0;
  if (c == 'k' || c == 'K') exponent = 3;
  if (c == 'm' || c == 'M') exponent = 6;
  if (exponent == 0 || text->size() < 2 || !IsDigit((*text)[text->size() - 2])) return 0;
  text->remove_suffix(1);
  return exponent;
}

std::optional<double> ReadNumberBody(std::string_view t, std::optional<char> forced,
                                     int multiplier_exponent) {
  if (t.empty()) return std::nullopt;
  constexpr std::size_t kNone = std::string_view::npos;

  // Pass 1: which marks are there, and where is the last of each.
  std::size_t dots = 0, commas = 0, last_dot = kNone, last_comma = kNone, first_group = kNone;
  for (std::size_t i = 0, n = 0; i < t.size(); i += n) {
    switch (PieceAt(t, i, &n)) {
      case Piece::kDigit:
        break;
      case Piece::kDot:
        ++dots;
        last_dot = i;
        break;
      case Piece::kComma:
        ++commas;
        last_comma = i;
        break;
      case Piece::kGroup:
        if (first_group == kNone) first_group = i;
        break;
      case Piece::kOther:
        return std::nullopt;
    }
  }

  // Where the decimal mark is, if any.
  std::size_t decimal = kNone;
  if (forced && (*forced == '.' || *forced == ',')) {
    const bool dot = *forced == '.';
    if ((dot ? dots : commas) > 1) return std::nullopt;
    decimal = dot ? last_dot : last_comma;
  } else if (dots > 0 && commas > 0) {
    // Both marks: the last one, if it occurs once, is the decimal mark ("12,500.50", "1.234,56").
    decimal = last_dot > last_comma ? last_dot : last_comma;
    if ((decimal == last_dot ? dots : commas) != 1) return std::nullopt;
  } else if (dots + commas == 1) {
    const std::size_t mark = dots == 1 ? last_dot : last_comma;
    std::size_t after = 0;
    while (mark + 1 + after < t.size() && IsDigit(t[mark + 1 + after])) ++after;
    std::size_t before = 0;
    while (before < mark && IsDigit(t[mark - 1 - before])) ++before;
    const bool grouped_already = first_group != kNone && first_group < mark;
    // A single mark groups thousands only when three digits follow it and it could start a
    // grouping: "2,500" "1.500", but "12,99" "0.750" ".500" "2.500k" "1 234,567" "12500.000" are
    // decimals.
    const bool thousands = after == 3 && before >= 1 && before <= 3 && t[mark - before] != '0' &&
                           !grouped_already && multiplier_exponent == 0;
    if (!thousands) decimal = mark;
  }

  // Pass 2: check the grouping and gather the digits.
  DigitAccumulator digits;
  bool in_fraction = false;
  std::size_t group_length = 0, groups = 0;
  bool western = true, indian = true;  // 1,234,567 or 12,34,567 (lakh grouping)
  for (std::size_t i = 0, n = 0; i < t.size(); i += n) {
    const Piece piece = PieceAt(t, i, &n);
    if (piece == Piece::kDigit) {
      digits.Add(t[i], in_fraction);
      ++group_length;
      continue;
    }
    if (in_fraction || group_length == 0) {
      // A mark after the decimal mark, two marks in a row, or a grouping mark with nothing before
      // it.
      if (!(i == decimal && groups == 0 && group_length == 0)) return std::nullopt;
    }
    if (i == decimal) {
      if (groups > 0 && group_length != 3) return std::nullopt;
      in_fraction = true;
      group_length = 0;
      continue;
    }
    if (groups == 0) {
      western = western && group_length <= 3;
      indian = indian && group_length <= 2;
    } else {
      western = western && group_length == 3;
      indian = indian && group_length == 2;
    }
    if (!western && !indian) return std::nullopt;
    ++groups;
    group_length = 0;
  }
  if (in_fraction ? group_length == 0 : (groups > 0 && group_length != 3)) return std::nullopt;
  return digits.Value(multiplier_exponent);
}

}  // namespace internal

std::optional<double> ParseNumber(std::string_view text, std::optional<char> decimal_separator) {
  std::string_view t = internal::TrimBlanks(text);
  const int multiplier = internal::MultiplierSuffix(&t);
  return internal::ReadNumberBody(t, decimal_separator, multiplier);
}

}  // namespace vendly
