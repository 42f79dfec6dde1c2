// Money: the number reader, the currency table and the price-string reader (vendly/money.h), in one
// file so that the fuzz target builds from it alone.
//
// ParsePriceString follows the ideas of Zyte's price-parser (BSD-3), reimplemented: find the
// numbers of the text, read each with ParseNumber's grouping rules, then pick the price among them.
// Our picking differs: a number next to a currency mark wins over a bare one ("3 issues for 14,85
// EUR"), a "now" price over a "was" price, and percentages, quantities with units, dates and "49+"
// thresholds are no prices at all.
#include "vendly/money.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "caption_marks.h"
#include "lexicon.h"
#include "money_text.h"
#include "spec_units.h"

namespace vendly {
namespace internal {
namespace {

// ---- Numbers ------------------------------------------------------------------------------------

// Gathers decimal digits into a value without heap or overflow: the first 19 significant digits
// form an integer mantissa, the rest only move the exponent. Value() is exact (correctly rounded)
// for prices as people write them (up to 15 significant digits, up to 22 decimals) and
// deterministic for everything else.
class DigitAccumulator {
 public:
  void Add(char digit, bool fraction);
  // The value times 10^extra_exponent; nullopt when no digit was added or the value is not finite.
  std::optional<double> Value(int extra_exponent = 0) const;

 private:
  uint64_t mantissa_ = 0;
  int significant_ = 0;
  long long exponent_ = 0;
  bool any_digit_ = false;
};

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
      // A mark after the decimals, two marks in a row, or a group mark with nothing before it.
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

// ---- Currency marks -----------------------------------------------------------------------------

// A currency mark found in text: its byte length (0: none) and its table code, which is an ISO code
// or a placeholder that ResolveMark turns into one given the store ("Sh", "N", "kr").
struct MarkMatch {
  std::size_t length = 0;
  std::string_view code;
};

// A mark and the code it stands for. Marks compare case-insensitively (ASCII letters only) unless
// `exact_case`: "Ft" is forint but "ft" is feet, "KM" is a mark but "km" a distance.
struct MarkEntry {
  std::string_view mark;
  std::string_view iso;  // kStoreShilling, kStoreKrone, ... resolve through the store's currency
  bool exact_case = false;
};

// Placeholders for marks whose code depends on the store's home currency.
constexpr std::string_view kStoreShilling = "*sh";  // KES, UGX or TZS
constexpr std::string_view kStoreNaira = "*n";      // NGN only in an NGN store
constexpr std::string_view kStoreKrone = "*kr";     // SEK, NOK, DKK or ISK
constexpr std::string_view kStoreFranc = "*fr";     // a franc store's franc, else CHF
constexpr std::string_view kStoreCfa = "*cfa";      // XOF or XAF
constexpr std::string_view kStoreYen = "*yen";      // JPY or CNY

constexpr MarkEntry kMarks[] = {
    // East Africa first: these are what captions hold.
    {"ksh", "KES"},
    {"kshs", "KES"},
    {"kes", "KES"},
    {"ks", "KES"},
    {"bob", "KES"},
    {"k.sh", "KES"},
    {"sh", kStoreShilling},
    {"shs", kStoreShilling},
    {"/=", kStoreShilling},
    {"/-", kStoreShilling},
    {"shilling", kStoreShilling},
    {"shillings", kStoreShilling},
    {"shilingi", kStoreShilling},
    {"ugx", "UGX"},
    {"ush", "UGX"},
    {"ushs", "UGX"},
    {"u.sh", "UGX"},
    {"tzs", "TZS"},
    {"tsh", "TZS"},
    {"tshs", "TZS"},
    {"t.sh", "TZS"},
    {"rwf", "RWF"},
    {"frw", "RWF"},
    {"frws", "RWF"},
    {"rf", "RWF"},
    {"fbu", "BIF"},
    {"FC", "CDF", true},
    {"birr", "ETB"},
    {"Br", "ETB", true},
    {"gh₵", "GHS"},
    {"gh¢", "GHS"},
    {"₵", "GHS"},
    {"cedi", "GHS"},
    {"cedis", "GHS"},
    {"₦", "NGN"},
    {"naira", "NGN"},
    {"N", kStoreNaira, true},
    {"R", "ZAR", true},
    {"cfa", kStoreCfa},
    {"fcfa", kStoreCfa},
    {"f.cfa", kStoreCfa},
    {"fdj", "DJF"},
    {"nfk", "ERN"},
    {"kmf", "KMF"},
    {"ssp", "SSP"},
    // Dollars, euros, pounds.
    {"$", "USD"},
    {"us$", "USD"},
    {"usd$", "USD"},
    {"dollar", "USD"},
    {"dollars", "USD"},
    {"€", "EUR"},
    {"euro", "EUR"},
    {"euros", "EUR"},
    {"£", "GBP"},
    {"a$", "AUD"},
    {"au$", "AUD"},
    {"c$", "CAD"},
    {"ca$", "CAD"},
    {"cad$", "CAD"},
    {"nz$", "NZD"},
    {"s$", "SGD"},
    {"hk$", "HKD"},
    {"nt$", "TWD"},
    {"mx$", "MXN"},
    {"rd$", "DOP"},
    {"j$", "JMD"},
    {"bz$", "BZD"},
    {"cuc$", "CUC"},
    {"r$", "BRL"},
    {"e£", "EGP"},
    // Europe.
    {"chf", "CHF"},
    {"fr", kStoreFranc, true},
    {"Fr", kStoreFranc, true},
    {"zł", "PLN"},
    {"zl", "PLN"},
    {"kč", "CZK"},
    {"Ft", "HUF", true},
    {"lei", "RON"},
    {"kr", kStoreKrone},
    {"kn", "HRK", true},
    {"лв", "BGN"},
    {"Лв", "BGN"},
    {"lev", "BGN"},
    {"₽", "RUB"},
    {"руб", "RUB"},
    {"Руб", "RUB"},
    {"РУБ", "RUB"},
    {"р", "RUB"},
    {"Р", "RUB"},
    {"грн", "UAH"},
    {"Грн", "UAH"},
    {"₴", "UAH"},
    {"TL", "TRY", true},
    {"₺", "TRY"},
    {"Lek", "ALL", true},
    {"KM", "BAM", true},
    {"֏", "AMD"},
    {"₼", "AZN"},
    {"₾", "GEL"},
    // Asia, Middle East, Americas.
    {"¥", kStoreYen},
    {"￥", kStoreYen},
    {"円", "JPY"},
    {"元", "CNY"},
    {"rmb", "CNY"},
    {"₹", "INR"},
    {"rs", "INR"},
    {"₨", "INR"},
    {"रु", "NPR"},
    {"र", "NPR"},
    {"rp", "IDR"},
    {"₫", "VND"},
    {"₩", "KRW"},
    {"฿", "THB"},
    {"₱", "PHP"},
    {"RM", "MYR", true},
    {"৳", "BDT"},
    {"៛", "KHR"},
    {"₭", "LAK"},
    {"₮", "MNT"},
    {"₸", "KZT"},
    {"so'm", "UZS"},
    {"so‘m", "UZS"},
    {"сўм", "UZS"},
    {"nu", "BTN"},
    {"؋", "AFN"},
    {"₪", "ILS"},
    {"تومان", "IRR"},
    {"ریال", "IRR"},
    {"﷼", "IRR"},
    {"KD", "KWD", true},
    {"BD", "BHD", true},
    {"د.إ", "AED"},
    {"₡", "CRC"},
    {"₲", "PYG"},
    {"ƒ", "ANG"},
    {"₣", "CHF"},
    {"yen", "JPY"},
    {"원", "KRW"},
    {"sgd$", "SGD"},
    {"nzd$", "NZD"},
    {"aud$", "AUD"},
    {"can$", "CAD"},
    {"us $", "USD"},
    {"au $", "AUD"},
    {"₤", "GBP"},
    {"￡", "GBP"},
    {"kr.", kStoreKrone},
    {"руб.", "RUB"},
    {"рублей", "RUB"},
    {"р.", "RUB"},
    {"грн.", "UAH"},
    {"лв.", "BGN"},
    {"тг", "KZT"},
    {"ден", "MKD"},
    {"дин", "RSD"},
    {"dinara", "RSD"},
    {"ر.س", "SAR"},
    {"ج.م", "EGP"},
    {"جنيه", "EGP"},
    {"درهم", "AED"},
    {"ريال", "SAR"},
    {"บาท", "THB"},
    {"lari", "GEL"},
    {"ლ", "GEL"},
    {"ብር", "ETB"},
    {"nis", "ILS"},
    {"r₣", "RWF"},
    {"MK", "MWK", true},
    {"ZK", "ZMW", true},
    {"MT", "MZN", true},
    {"Ar", "MGA", true},
    {"sfr", "CHF"},
    {"yuan", "CNY"},
    {"人民币", "CNY"},
    {"stg", "GBP"},
    {"hrn", "UAH"},
    {"din", "RSD"},
    {"rbl", "RUB"},
    {"đ", "VND"},
    {"vnđ", "VND"},
    {"g$", "GYD"},
    {"gy$", "GYD"},
    {"$u", "UYU"},
    {"S/.", "PEN", true},
    {"S/", "PEN", true},
    {"B/.", "PAB", true},
    {"dh", "MAD"},
    {"dhs", "AED"},
};

// ISO codes the catalog accepts. Letter-for-letter codes in captions are marks too ("usd 20"), but
// the ones that are also everyday words only in capitals ("ALL", "TRY", "TOP", "PEN").
constexpr std::string_view kKnownCodes[] = {
    "KES", "UGX", "TZS", "RWF", "NGN", "USD", "EUR", "GBP", "ZAR", "ETB", "GHS", "BIF", "CDF",
    "SSP", "XOF", "XAF", "SOS", "DJF", "ERN", "KMF", "MWK", "ZMW", "MZN", "EGP", "MAD", "AED",
    "SAR", "QAR", "KWD", "BHD", "OMR", "ILS", "IRR", "AFN", "INR", "NPR", "PKR", "LKR", "BDT",
    "BTN", "CNY", "JPY", "KRW", "HKD", "TWD", "SGD", "MYR", "IDR", "THB", "VND", "PHP", "KHR",
    "LAK", "MNT", "KZT", "UZS", "AUD", "NZD", "CAD", "MXN", "BRL", "ARS", "CLP", "COP", "PEN",
    "DOP", "JMD", "BZD", "CUC", "CUP", "CRC", "PYG", "ANG", "CHF", "PLN", "CZK", "HUF", "RON",
    "BGN", "HRK", "RUB", "UAH", "BYN", "TRY", "ALL", "BAM", "AMD", "AZN", "GEL", "SEK", "NOK",
    "DKK", "ISK", "MKD", "RSD", "MGA", "GYD", "UYU", "PAB", "VES",
};
constexpr std::string_view kWordLikeCodes[] = {"ALL", "TRY", "TOP", "PEN", "CUP", "MAD", "SOS",
                                               "GEL", "RON", "PHP", "BOB", "LAK", "AMD", "BAM"};

bool SameMark(std::string_view text, std::string_view mark, bool exact_case) {
  if (text.size() != mark.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char a = exact_case ? text[i] : AsciiLower(text[i]);
    if (a != mark[i]) return false;
  }
  return true;
}

bool IsOneOf(std::string_view code, std::initializer_list<std::string_view> codes) {
  for (std::string_view c : codes) {
    if (code == c) return true;
  }
  return false;
}

std::optional<std::string> ResolveMark(std::string_view iso, std::string_view store) {
  if (iso == kStoreShilling)
    return std::string(IsOneOf(store, {"KES", "UGX", "TZS"}) ? store : "KES");
  if (iso == kStoreNaira) {
    if (store == "NGN") return std::string("NGN");
    return std::nullopt;
  }
  if (iso == kStoreKrone)
    return std::string(IsOneOf(store, {"SEK", "NOK", "DKK", "ISK"}) ? store : "SEK");
  if (iso == kStoreFranc) {
    return std::string(IsOneOf(store, {"RWF", "BIF", "CDF", "XOF", "XAF", "KMF", "DJF"}) ? store
                                                                                         : "CHF");
  }
  if (iso == kStoreCfa) return std::string(store == "XAF" ? "XAF" : "XOF");
  if (iso == kStoreYen) return std::string(store == "CNY" ? "CNY" : "JPY");
  return std::string(iso);
}

// The code of a three-letter ISO mark ("EUR", "usd"), empty when `letters` is none. Everyday words
// that are also codes count only in capitals.
std::string_view IsoCodeMark(std::string_view letters) {
  if (letters.size() != 3) return {};
  char upper[3];
  bool all_upper = true;
  for (int i = 0; i < 3; ++i) {
    if (!IsAsciiAlpha(letters[i])) return {};
    upper[i] = static_cast<char>(letters[i] >= 'a' ? letters[i] - 'a' + 'A' : letters[i]);
    all_upper = all_upper && letters[i] == upper[i];
  }
  for (std::string_view code : kKnownCodes) {
    if (code != std::string_view(upper, 3)) continue;
    if (!all_upper) {
      for (std::string_view w : kWordLikeCodes) {
        if (code == w) return {};
      }
    }
    return code;  // points into kKnownCodes, which lives for the program
  }
  return {};
}

bool LetterAt(std::string_view text, std::size_t i) {
  return i < text.size() && IsAsciiAlpha(text[i]);
}

// Whether `mark` may stand at [begin, begin + mark.size()) of `text`: a mark that starts or ends
// with an ASCII letter must not be glued to another letter on that side ("Rs" is no mark inside
// "Prs").
bool StandsAlone(std::string_view text, std::size_t begin, std::string_view mark) {
  if (IsAsciiAlpha(mark.front()) && begin > 0 && LetterAt(text, begin - 1)) return false;
  if (IsAsciiAlpha(mark.back()) && LetterAt(text, begin + mark.size())) return false;
  return true;
}

bool MarkMatches(std::string_view text, std::size_t begin, const MarkEntry& e) {
  if (begin + e.mark.size() > text.size()) return false;
  return SameMark(text.substr(begin, e.mark.size()), e.mark, e.exact_case) &&
         StandsAlone(text, begin, e.mark);
}

// Which bytes begin (end) some mark of the table, in either case: most bytes of a text begin none,
// and this spares them the walk through the table.
using ByteSet = std::array<bool, 256>;

constexpr ByteSet MarkEdgeBytes(bool first) {
  ByteSet set{};
  for (const MarkEntry& e : kMarks) {
    const char c = first ? e.mark.front() : e.mark.back();
    const auto lower = static_cast<unsigned char>(AsciiLower(c));
    set[lower] = true;
    if (lower >= 'a' && lower <= 'z') set[lower - 'a' + 'A'] = true;
  }
  return set;
}

constexpr ByteSet kMarkFirstBytes = MarkEdgeBytes(true);
constexpr ByteSet kMarkLastBytes = MarkEdgeBytes(false);

MarkMatch MarkStartingAt(std::string_view text, std::size_t begin) {
  MarkMatch best;
  if (begin >= text.size()) return best;
  const bool table = kMarkFirstBytes[static_cast<unsigned char>(text[begin])];
  for (const MarkEntry& e : kMarks) {
    if (!table) break;
    if (e.mark.size() > best.length && MarkMatches(text, begin, e)) best = {e.mark.size(), e.iso};
  }
  if (best.length < 3 && begin + 3 <= text.size() &&
      StandsAlone(text, begin, text.substr(begin, 3))) {
    std::string_view code = IsoCodeMark(text.substr(begin, 3));
    if (!code.empty()) best = {3, code};
  }
  return best;
}

MarkMatch MarkEndingAt(std::string_view text, std::size_t end) {
  MarkMatch best;
  if (end == 0 || end > text.size()) return best;
  const bool table = kMarkLastBytes[static_cast<unsigned char>(text[end - 1])];
  for (const MarkEntry& e : kMarks) {
    if (!table) break;
    if (e.mark.size() > best.length && e.mark.size() <= end &&
        MarkMatches(text, end - e.mark.size(), e)) {
      best = {e.mark.size(), e.iso};
    }
  }
  if (best.length < 3 && end >= 3 && StandsAlone(text, end - 3, text.substr(end - 3, 3))) {
    std::string_view code = IsoCodeMark(text.substr(end - 3, 3));
    if (!code.empty()) best = {3, code};
  }
  return best;
}

std::optional<std::string> LookUp(std::string_view mark, std::string_view store) {
  for (const MarkEntry& e : kMarks) {
    if (SameMark(mark, e.mark, e.exact_case)) return ResolveMark(e.iso, store);
  }
  std::string_view code = IsoCodeMark(mark);
  if (!code.empty()) return std::string(code);
  return std::nullopt;
}

std::string_view StoreOrDefault(std::string_view store_currency) {
  return store_currency.empty() ? std::string_view("KES") : store_currency;
}

// ---- Price strings ------------------------------------------------------------------------------

constexpr std::size_t kMaxCandidates = 32;
constexpr std::size_t kMaxNumberBytes = 64;  // longer digit runs are no prices
constexpr std::string_view kEuro = "\xE2\x82\xAC";

// How the caller forced the decimal mark: '.' or ',' (`ascii`), another mark such as "€" (`mark`),
// or not at all.
struct DecimalRule {
  char ascii = 0;
  std::string_view mark;
};

DecimalRule MakeDecimalRule(std::optional<std::string_view> forced) {
  DecimalRule rule;
  if (!forced) return rule;
  const std::string_view f = TrimBlanks(*forced);
  if (f == "." || f == ",") {
    rule.ascii = f[0];
  } else if (!f.empty() && f.size() <= 8 && !IsDigit(f[0])) {
    rule.mark = f;
  }
  return rule;
}

bool StartsWith(std::string_view s, std::size_t at, std::string_view prefix) {
  return at <= s.size() && s.size() - at >= prefix.size() &&
         s.compare(at, prefix.size(), prefix) == 0;
}

bool DigitAt(std::string_view s, std::size_t i) { return i < s.size() && IsDigit(s[i]); }
bool IsMark(char c) { return c == '.' || c == ','; }

// Exactly `min`..`max` digits at `at`, then no digit and, unless `more_may_follow`, no further
// group of digits (",5").
bool DigitsThenEnd(std::string_view s, std::size_t at, std::size_t min, std::size_t max,
                   bool more_may_follow = false) {
  std::size_t n = 0;
  while (DigitAt(s, at + n)) ++n;
  if (n < min || n > max) return false;
  const std::size_t after = at + n;
  return more_may_follow || !(after < s.size() && IsMark(s[after]) && DigitAt(s, after + 1));
}

// One number as written in the text, its characters normalised for the number reader: digits, '.'
// and ',' as written, ' ' for group spaces and apostrophes, 'D' for a decimal mark that is no '.'
// or ',' (the "€" of "35€99").
struct NumberText {
  std::size_t begin = 0, end = 0;  // bytes of the text
  std::array<char, kMaxNumberBytes> chars{};
  std::size_t size = 0;
  bool too_long = false;
  int multiplier = 0;  // 3 for "2.5k", 6 for "1.2M"

  void Push(char c) {
    if (size < chars.size()) {
      chars[size++] = c;
    } else {
      too_long = true;
    }
  }
  std::string_view View() const { return std::string_view(chars.data(), size); }
};

// Whether the letters after the k at `k` ("kFrw" in "1.5kFrw") are a currency mark written after an
// amount while the k and those letters together are none ("ksh" is a mark), or are one too but the
// amount has a single decimal, which no shilling price has ("2.5ksh"). The tokeniser asks the same
// of captions (text.cc).
bool MarkGluedAfterK(std::string_view s, std::size_t k, bool one_decimal) {
  std::array<char, 9> lower{};
  std::size_t e = k;
  while (e < s.size() && IsAsciiAlpha(s[e]) && e - k < lower.size()) {
    lower[e - k] = AsciiLower(s[e]);
    ++e;
  }
  if (e - k < 2 || e - k >= lower.size() || (e < s.size() && IsAsciiAlpha(s[e]))) return false;
  const std::string_view word(lower.data(), e - k);
  return (CaptionMarkPlaces(word.substr(1)) & kMarkAfter) != 0 &&
         (one_decimal || (CaptionMarkPlaces(word) & kMarkAfter) == 0);
}

// Reads the number that starts at `begin` (a digit, or '.'/',' marks right before one, as in
// "$.75"). Groups joined: "1 500" (a space before exactly three digits, in the integer part only),
// "1'500", the decimals after a mark and one space ("119. 95"), and a euro sign between euros and
// cents ("35€ 99").
NumberText ScanNumber(std::string_view s, std::size_t begin, const DecimalRule& rule) {
  NumberText n;
  n.begin = begin;
  std::size_t j = begin;
  while (j < s.size() && IsMark(s[j])) n.Push(s[j++]);
  std::size_t run = 0;           // digits since the last mark
  bool saw_mark = false;         // a '.' or ',' after the first digit
  bool closed_fraction = false;  // decimals after 'D': nothing may follow them
  while (j < s.size()) {
    const char c = s[j];
    if (IsDigit(c)) {
      n.Push(c);
      ++j;
      ++run;
      continue;
    }
    if (closed_fraction) break;
    if (IsMark(c)) {
      if (DigitAt(s, j + 1)) {
        n.Push(c);
        ++j;
        run = 0;
        saw_mark = true;
        continue;
      }
      const std::size_t space = SpaceAt(s, j + 1);
      if (space > 0 && DigitsThenEnd(s, j + 1 + space, 2, 2)) {
        n.Push(c);
        j += 1 + space;
        run = 0;
        saw_mark = true;
        continue;
      }
      break;
    }
    if (std::size_t a = ApostropheAt(s, j); a > 0 && DigitAt(s, j + a)) {
      n.Push(' ');
      j += a;
      run = 0;
      continue;
    }
    if (std::size_t sp = SpaceAt(s, j);
        sp > 0 && !saw_mark && run >= 1 && run <= 3 && DigitsThenEnd(s, j + sp, 3, 3, true)) {
      n.Push(' ');
      j += sp;
      run = 0;
      continue;
    }
    // A currency mark used as the decimal mark: the forced one, or a euro sign before 1-2 cents.
    const std::string_view dmark = rule.mark.empty() ? kEuro : rule.mark;
    if (!saw_mark && StartsWith(s, j, dmark)) {
      const std::size_t k = j + dmark.size();
      const std::size_t sp = SpaceAt(s, k);
      if ((!rule.mark.empty() && sp == 0 && DigitAt(s, k)) || DigitsThenEnd(s, k + sp, 1, 2)) {
        n.Push('D');
        j = k + sp;
        closed_fraction = true;
        continue;
      }
    }
    break;
  }
  // "2.5k", "1.2M": a multiplier glued to the digits and to no further letter, but for a currency
  // mark after it that the k does not start ("1.5kFrw", "2kbob"; "2500ksh" is shillings).
  if (j < s.size() && n.size > 0 && IsDigit(n.chars[n.size - 1]) &&
      (s[j] == 'k' || s[j] == 'K' || s[j] == 'm' || s[j] == 'M') &&
      (!(j + 1 < s.size() && IsAsciiAlpha(s[j + 1])) ||
       ((s[j] == 'k' || s[j] == 'K') &&
        MarkGluedAfterK(s, j, n.size >= 3 && n.chars[n.size - 2] == '.')))) {
    n.multiplier = s[j] == 'k' || s[j] == 'K' ? 3 : 6;
    ++j;
  }
  n.end = j;
  return n;
}

bool Contains(std::string_view s, char c) { return s.find(c) != std::string_view::npos; }

// The digits of `s` as a fraction: "75,333" -> 0.75333 (for "$..75,333" with '.' forced).
std::optional<double> AsFraction(std::string_view s) {
  DigitAccumulator digits;
  for (char c : s) {
    if (IsDigit(c)) digits.Add(c, /*fraction=*/true);
  }
  return digits.Value();
}

// The value of a scanned number; nullopt when its marks make no number (a date "15.08.2017").
std::optional<double> NumberValue(const NumberText& n, const DecimalRule& rule) {
  if (n.too_long) return std::nullopt;
  std::string_view text = n.View();
  std::size_t lead = 0;
  while (lead < text.size() && IsMark(text[lead])) ++lead;
  const std::string_view leading = text.substr(0, lead);
  std::string_view body = text.substr(lead);

  if (Contains(body, 'D')) {
    // "1.250€60": the other marks only group.
    std::array<char, kMaxNumberBytes> copy{};
    for (std::size_t i = 0; i < body.size(); ++i) {
      copy[i] = body[i] == 'D' ? '.' : (IsMark(body[i]) ? ' ' : body[i]);
    }
    return ReadNumberBody(std::string_view(copy.data(), body.size()), '.', n.multiplier);
  }
  if (lead > 0) {
    // ".75" and "..75" are decimals; ".750.30" and ".75,333" are junk before a number.
    const bool body_has_marks = Contains(body, '.') || Contains(body, ',');
    const bool fraction = rule.ascii != 0
                              ? Contains(leading, rule.ascii) && !Contains(body, rule.ascii)
                              : !body_has_marks;
    if (fraction) return n.multiplier == 0 ? AsFraction(body) : std::nullopt;
  }
  std::optional<char> forced;
  if (rule.ascii != 0) forced = rule.ascii;
  return ReadNumberBody(body, forced, n.multiplier);
}

// Lower-case ASCII word of `s` that starts at `begin` (empty when there is none).
std::string_view WordAt(std::string_view s, std::size_t begin) {
  std::size_t end = begin;
  while (end < s.size() && IsAsciiAlpha(s[end])) ++end;
  return s.substr(begin, end - begin);
}

bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (AsciiLower(word[i]) != lower[i]) return false;
  }
  return true;
}

template <std::size_t N>
bool IsOneOfWords(std::string_view word, const std::string_view (&words)[N]) {
  for (std::string_view w : words) {
    if (EqualsLower(word, w)) return true;
  }
  return false;
}

// Words after a number that make it a count, not a price ("3 pcs", "2 years", "120 reviews");
// measures and specifications are IsSpecUnit's.
constexpr std::string_view kUnits[] = {"pcs",    "pc",    "piece",    "pieces", "pack", "packs",
                                       "yrs",    "years", "year",     "months", "days", "hours",
                                       "hrs",    "mins",  "minutes",  "stars",  "star", "reviews",
                                       "review", "items", "followers"};

constexpr std::string_view kMonths[] = {
    "jan",  "january",   "feb",  "february", "mar",  "march",    "apr",    "april",
    "may",  "jun",       "june", "jul",      "july", "aug",      "august", "sep",
    "sept", "september", "oct",  "october",  "nov",  "november", "dec",    "december"};

// Words that join the two ends of a price range ("26 to 50 €", "1500 - 2500").
constexpr std::string_view kRangeWords[] = {"to", "a", "bis", "hadi", "till", "until"};

std::size_t SkipBlanks(std::string_view s, std::size_t i) {
  std::size_t n;
  while ((n = BlankAt(s, i)) > 0) i += n;
  return i;
}

std::size_t SkipBlanksBack(std::string_view s, std::size_t end) {
  std::size_t n;
  while ((n = BlankEndingAt(s, end)) > 0) end -= n;
  return end;
}

bool IsIntegerOfAtMost(std::string_view chars, std::size_t digits) {
  if (chars.empty() || chars.size() > digits) return false;
  for (char c : chars) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// A currency mark right before byte `begin`; blanks, a colon or the dot of an abbreviation may sit
// between ("US$: 12.99", "Ksh. 1,500").
MarkMatch MarkBefore(std::string_view s, std::size_t begin, std::size_t* mark_begin = nullptr) {
  std::size_t p = SkipBlanksBack(s, begin);
  if (p > 0 && s[p - 1] == ':') p = SkipBlanksBack(s, p - 1);
  MarkMatch m = MarkEndingAt(s, p);
  if (m.length == 0 && p > 1 && s[p - 1] == '.') {
    m = MarkEndingAt(s, p - 1);
    if (m.length > 0) --p;
  }
  if (mark_begin != nullptr) *mark_begin = p - m.length;
  return m;
}

// A currency mark right after the number ("45,00 zł", "1.198,- Kr", "50,- Kč").
MarkMatch MarkAfter(std::string_view s, std::size_t end) {
  std::size_t p = end;
  if (p + 1 < s.size() && IsMark(s[p]) && s[p + 1] == '-') p += 2;
  return MarkStartingAt(s, SkipBlanks(s, p));
}

// Whether the bytes between two numbers only join a range: "-", "–", "to", "bis".
bool IsRangeGap(std::string_view gap) {
  gap = TrimBlanks(gap);
  if (gap == "-" || gap == "~" || gap == "\xE2\x80\x93" || gap == "\xE2\x80\x94") return true;
  return !gap.empty() && WordAt(gap, 0).size() == gap.size() && IsOneOfWords(gap, kRangeWords);
}

// Whether the ASCII word `lower` stands alone somewhere in `s`.
bool HasWord(std::string_view s, std::string_view lower) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!IsAsciiAlpha(s[i]) || (i > 0 && IsAsciiAlpha(s[i - 1]))) continue;
    const std::string_view word = WordAt(s, i);
    if (EqualsLower(word, lower)) return true;
    i += word.size();
  }
  return false;
}

bool Resolves(const MarkMatch& m) { return m.length > 0 && ResolveMark(m.code, "").has_value(); }

// The mark a number is priced in. A bare "$" yields to a code beside it: "NZD $100.70",
// "$1,190.00 AUD".
MarkMatch PickMark(std::string_view s, std::size_t number_begin, const MarkMatch& after) {
  std::size_t dollar_begin = 0;
  const MarkMatch before = MarkBefore(s, number_begin, &dollar_begin);
  if (!Resolves(before)) return Resolves(after) ? after : MarkMatch{};
  if (before.length == 1 && s[dollar_begin] == '$') {
    if (Resolves(after) && after.code != before.code) return after;
    const MarkMatch code = MarkBefore(s, dollar_begin);
    if (Resolves(code)) return code;
  }
  return before;
}

struct Candidate {
  std::size_t begin = 0, end = 0;
  std::size_t previous_end = 0;  // where the number before it (kept or not) ended
  double value = 0;
  MarkMatch mark;
  bool has_currency = false;
  bool struck = false;  // crossed out: an old price ("~~4,000~~", "4̶0̶0̶0̶", "5,000 ❌")
};

// ---- Old prices: strike-through and cross marks
// --------------------------------------------------

// Byte length of a combining strike-through mark (U+0335..U+0338) at `i`; 0 when none.
std::size_t CombiningStrikeAt(std::string_view s, std::size_t i) {
  return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xCC &&
                 static_cast<unsigned char>(s[i + 1]) >= 0xB5 &&
                 static_cast<unsigned char>(s[i + 1]) <= 0xB8
             ? 2
             : 0;
}

// The end of digits struck one by one from `i` ("4̶0̶0̶0̶", "4̶,̶5̶0̶0̶"), with their digits and marks
// copied into `digits`; `i` when the digit at `i` is not struck.
std::size_t CombiningStrikeEnd(std::string_view s, std::size_t i, NumberText* digits) {
  std::size_t j = i;
  std::size_t struck = 0;
  while (j < s.size() && (IsDigit(s[j]) || (j > i && IsMark(s[j])))) {
    const std::size_t mark = CombiningStrikeAt(s, j + 1);
    if (mark == 0) break;
    digits->Push(s[j]);
    j += 1 + mark;
    ++struck;
  }
  return struck >= 2 ? j : i;
}

// Whether `raw` starts with a mark that crosses out the price before it: ❌ ❎ ✖ ✗ ✘ 🚫 ⛔.
bool CrossMarkAt(std::string_view s, std::size_t i) {
  for (std::string_view m : {"\xE2\x9D\x8C", "\xE2\x9D\x8E", "\xE2\x9C\x96", "\xE2\x9C\x97",
                             "\xE2\x9C\x98", "\xF0\x9F\x9A\xAB", "\xE2\x9B\x94"}) {
    if (StartsWith(s, i, m)) return true;
  }
  return false;
}

bool IsAsciiPunct(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !IsDigit(c) && !IsAsciiAlpha(c) && BlankAt(std::string_view(&c, 1), 0) == 0;
}

// Strike-through spans of tildes ("~~4,000~~ 3,200", "~UGX 60,000~ now UGX 48,000"): an opening
// run of one or two tildes with a blank or punctuation before it and text right after it, closed by
// an equal run glued to the text before it and followed by a blank, punctuation or the end. A tilde
// between two numbers ("500~800") or before a blank ("~ 20") opens nothing.
struct StrikeSpans {
  static constexpr std::size_t kMax = 8;
  std::array<std::pair<std::size_t, std::size_t>, kMax> spans{};
  std::size_t count = 0;

  bool Covers(std::size_t at) const {
    for (std::size_t k = 0; k < count; ++k) {
      if (at >= spans[k].first && at < spans[k].second) return true;
    }
    return false;
  }
};

StrikeSpans FindStrikeSpans(std::string_view s) {
  StrikeSpans out;
  std::size_t open = 0, open_length = 0;
  for (std::size_t i = 0; i < s.size() && out.count < StrikeSpans::kMax;) {
    if (s[i] != '~') {
      ++i;
      continue;
    }
    std::size_t q = i;
    while (q < s.size() && s[q] == '~') ++q;
    const std::size_t length = q - i;
    const bool free_before = i == 0 || BlankEndingAt(s, i) > 0 || IsAsciiPunct(s[i - 1]);
    const bool free_after = q == s.size() || BlankAt(s, q) > 0 || IsAsciiPunct(s[q]);
    if (length <= 2) {
      if (open_length == length && !free_before && free_after) {
        out.spans[out.count++] = {open, i};
        open_length = 0;
      } else if (free_before && !free_after) {
        open = q;
        open_length = length;
      }
    }
    i = q;
  }
  return out;
}

// Whether the word after a number makes it a quantity. One-letter units count in lower case only,
// or in capitals glued to the number ("100W", "1.8L"): "1 G" may be gourdes, and "5 G$" is Guyanese
// dollars.
bool IsUnitAt(std::string_view s, std::size_t at, bool glued) {
  const std::string_view word = WordAt(s, at);
  if (word.empty() || (word.size() == 1 && ((word[0] != AsciiLower(word[0]) && !glued) ||
                                            (at + 1 < s.size() && s[at + 1] == '$')))) {
    return false;
  }
  if (IsOneOfWords(word, kUnits)) return true;
  std::array<char, 16> lower{};
  if (word.size() > lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) lower[i] = AsciiLower(word[i]);
  return IsSpecUnit(std::string_view(lower.data(), word.size()));
}

// Why a number of the text is no price, given what surrounds it.
bool IsNoPrice(std::string_view s, const NumberText& n, double value, bool next_to_mark) {
  const std::string_view chars = n.View();
  const std::size_t after = SkipBlanks(s, n.end);
  if (after < s.size() && s[after] == '%') return true;  // "40% OFF"
  if (n.end < s.size() && s[n.end] == '+') return true;  // "Orders $49+"
  if (n.begin >= 2 && s[n.begin - 1] == '+' && DigitAt(s, n.begin - 2)) return true;  // "8+128"
  // Dates: "25-09", "15/08/2017", "July, 2004".
  if (n.end + 1 < s.size() && (s[n.end] == '-' || s[n.end] == '/') && DigitAt(s, n.end + 1) &&
      IsIntegerOfAtMost(chars, 2)) {
    return true;
  }
  if (n.begin >= 2 && (s[n.begin - 1] == '-' || s[n.begin - 1] == '/') && DigitAt(s, n.begin - 2) &&
      IsIntegerOfAtMost(chars, 4)) {
    std::size_t k = n.begin - 1;
    std::size_t digits = 0;
    while (k > 0 && IsDigit(s[k - 1])) {
      --k;
      ++digits;
    }
    if (digits <= 2) return true;
  }
  if (IsIntegerOfAtMost(chars, 4) && chars.size() == 4 && value >= 1900 && value <= 2100) {
    std::size_t p = SkipBlanksBack(s, n.begin);
    if (p > 0 && (s[p - 1] == ',' || s[p - 1] == '.')) p = SkipBlanksBack(s, p - 1);
    std::size_t w = p;
    while (w > 0 && IsAsciiAlpha(s[w - 1])) --w;
    if (IsOneOfWords(s.substr(w, p - w), kMonths)) return true;
  }
  if (!next_to_mark && IsUnitAt(s, after, after == n.end)) return true;
  // Phone and till numbers: "0712345678", "254712345678". Prices carry no leading zero ("0.75"
  // aside) and bare prices of ten digits are not written.
  if (!next_to_mark && chars.size() >= 2 && chars[0] == '0' && IsDigit(chars[1])) return true;
  if (!next_to_mark && IsIntegerOfAtMost(chars, kMaxNumberBytes) && chars.size() >= 10) return true;
  return false;
}

// Whether a number starts at `i`: a digit, or '.'/',' marks right before a digit ("$.75") that do
// not follow a digit.
bool NumberStartsAt(std::string_view s, std::size_t i) {
  if (IsDigit(s[i])) return true;
  // Only the first mark of a run is looked at, which keeps "...." linear.
  if (!IsMark(s[i]) || (i > 0 && (IsDigit(s[i - 1]) || IsMark(s[i - 1])))) return false;
  std::size_t j = i;
  while (j < s.size() && IsMark(s[j])) ++j;
  return DigitAt(s, j);
}

bool IsTokenEdge(std::string_view s, std::size_t i) {
  if (i == 0 || i >= s.size()) return true;
  const unsigned char c = static_cast<unsigned char>(s[i]);
  return c < 0x80 && !IsAsciiAlpha(s[i]);
}

// The first currency mark of the text that stands as a token of its own; nullopt when none.
std::optional<std::string> FirstMark(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 sequence
    if (i > 0 && !IsTokenEdge(s, i - 1)) continue;
    const MarkMatch m = MarkStartingAt(s, i);
    if (m.length == 0 || !IsTokenEdge(s, i + m.length)) continue;
    if (auto iso = ResolveMark(m.code, "")) return iso;
  }
  return std::nullopt;
}

}  // namespace

// Where captions write the marks of the table above (caption_marks.h). Every word here resolves
// through kMarks or kKnownCodes (a test checks it), so a caption mark always has a currency.
const WordMap<uint8_t>& CaptionMarkTable() {
  constexpr uint8_t kB = kMarkBefore, kA = kMarkAfter, kG = kMarkGlued;
  static constexpr std::pair<std::string_view, uint8_t> kEntries[] = {{"ksh", kB | kA | kG},
                                                                      {"kshs", kB | kA | kG},
                                                                      {"kes", kB | kA | kG},
                                                                      {"sh", kB | kA | kG},
                                                                      {"shs", kB | kA | kG},
                                                                      {"ush", kB | kA | kG},
                                                                      {"ushs", kB | kA},
                                                                      {"ugx", kB | kA | kG},
                                                                      {"tsh", kB | kA | kG},
                                                                      {"tshs", kB | kA | kG},
                                                                      {"tzs", kB | kA | kG},
                                                                      {"rwf", kB | kA | kG},
                                                                      {"frw", kB | kA | kG},
                                                                      {"frws", kB | kA},
                                                                      {"ngn", kB | kA | kG},
                                                                      {"usd", kB | kA | kG},
                                                                      {"eur", kB | kA | kG},
                                                                      {"gbp", kB | kA | kG},
                                                                      {"n", kG},
                                                                      {"bob", kA},
                                                                      {"shillings", kA},
                                                                      {"shilingi", kA},
                                                                      {"dollars", kA},
                                                                      {"naira", kA},
                                                                      {"euros", kA}};
  static const WordMap<uint8_t> k(kEntries);
  return k;
}

uint8_t CaptionMarkPlaces(HashedWord lower_word) {
  const uint8_t* places = CaptionMarkTable().Find(lower_word);
  return places == nullptr ? 0 : *places;
}

// The one lexicon of specification units (spec_units.h).
bool IsSpecUnit(HashedWord lower_word) {
  static constexpr std::string_view kWords[] = {
      // Memory and storage.
      "gb", "tb", "mb", "kb", "ram", "rom", "storage", "ssd", "hdd", "bit", "bits",
      // Power, charge, voltage.
      "w", "kw", "watt", "watts", "hp", "v", "kv", "volt", "volts", "amp", "amps", "ah", "mah",
      "wh", "kwh", "va", "kva", "btu",
      // Frequency, speed, resolution.
      "hz", "khz", "mhz", "ghz", "hertz", "rpm", "fps", "mbps", "gbps", "dpi", "ppi", "mp", "mpx",
      "megapixel", "megapixels", "pixels", "lumens", "lm", "nm",
      // Length and screen size.
      "mm", "cm", "m", "km", "ft", "feet", "foot", "inch", "inches", "inchi", "yards", "metre",
      "metres", "meter", "meters", "sqm", "sqft",
      // Weight and volume.
      "g", "gr", "gm", "gms", "gram", "grams", "kg", "kgs", "kilo", "kilos", "mg", "mcg", "lb",
      "lbs", "oz", "ton", "tons", "tonnes", "ml", "cl", "l", "ltr", "ltrs", "litre", "litres",
      "liter", "liters", "lita", "cc", "iu", "kcal"};
  static const WordSet k(kWords);
  return k.Contains(lower_word) || IsQuantityUnit(lower_word);
}

// The units sellers sell by (spec_units.h): English and Swahili weights and volumes, local
// measures and packs.
bool IsQuantityUnit(HashedWord lower_word) {
  static constexpr std::string_view kWords[] = {
      // Weight.
      "gram", "grams", "gramu", "gm", "gms", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms",
      "kilogramu",
      // Volume.
      "ml", "mls", "mililita", "millilitre", "millilitres", "litre", "litres", "liter", "liters",
      "ltr", "ltrs", "lita",
      // Local measures and packs: a tin (about 20 litres), a sack, a packet, a tray.
      "debe", "madebe", "gunia", "magunia", "pakiti", "mapakiti", "trei"};
  static const WordSet k(kWords);
  return k.Contains(lower_word);
}

}  // namespace internal

std::optional<double> ParseNumber(std::string_view text, std::optional<char> decimal_separator) {
  std::string_view t = internal::TrimBlanks(text);
  const int multiplier = internal::MultiplierSuffix(&t);
  return internal::ReadNumberBody(t, decimal_separator, multiplier);
}

ParsedPrice ParsePriceString(std::string_view price_raw,
                             std::optional<std::string_view> currency_hint,
                             std::optional<std::string_view> decimal_separator) {
  using namespace internal;
  const std::string_view s = price_raw;
  const DecimalRule rule = MakeDecimalRule(decimal_separator);

  std::array<Candidate, kMaxCandidates> candidates;
  std::size_t count = 0;
  std::size_t previous_end = 0;
  bool any_digit = false;
  const StrikeSpans strikes = FindStrikeSpans(s);
  for (std::size_t i = 0; i < s.size() && count < kMaxCandidates;) {
    if (!NumberStartsAt(s, i)) {
      ++i;
      continue;
    }
    any_digit = true;
    NumberText struck_digits;
    if (const std::size_t e = CombiningStrikeEnd(s, i, &struck_digits); e > i) {
      // "4̶0̶0̶0̶ 3,200": an old price, taken only when nothing else is there.
      const std::optional<double> value = NumberValue(struck_digits, rule);
      if (value) {
        Candidate& c = candidates[count++];
        c.begin = i;
        c.end = e;
        c.previous_end = previous_end;
        c.value = *value;
        c.mark = PickMark(s, i, MarkAfter(s, e));
        c.has_currency = c.mark.length > 0;
        c.struck = true;
      }
      previous_end = e;
      i = e;
      continue;
    }
    const NumberText n = ScanNumber(s, i, rule);
    i = n.end > i ? n.end : i + 1;
    const std::optional<double> value = NumberValue(n, rule);
    // "1.5kFrw": the mark glued after a multiplier stands alone all the same.
    const bool glued_after_k = n.multiplier == 3 && LetterAt(s, n.end);
    const MarkMatch after =
        glued_after_k ? MarkStartingAt(s.substr(n.end), 0) : MarkAfter(s, n.end);
    const MarkMatch mark = PickMark(s, n.begin, after);
    const bool decimal_mark = Contains(n.View(), 'D');  // "35€99"
    if (value && !IsNoPrice(s, n, *value, mark.length > 0)) {
      Candidate& c = candidates[count++];
      c.begin = n.begin;
      c.end = n.end;
      c.previous_end = previous_end;
      c.value = *value;
      c.mark = mark;
      if (decimal_mark && c.mark.length == 0) {
        c.mark = MarkStartingAt(rule.mark.empty() ? kEuro : rule.mark, 0);
      }
      c.has_currency = c.mark.length > 0 || decimal_mark;
      c.struck = strikes.Covers(n.begin) || CrossMarkAt(s, SkipBlanks(s, n.end));
    } else if (mark.length == 0 && n.size >= 3 && n.chars[0] == '0' && IsDigit(n.chars[1])) {
      // A phone number's further digit groups are the phone number too ("0712 345 678").
      for (std::size_t sp = SpaceAt(s, i); sp > 0 && DigitAt(s, i + sp); sp = SpaceAt(s, i)) {
        i += sp;
        while (DigitAt(s, i)) ++i;
      }
    }
    previous_end = std::max(n.end, i);
  }

  // "From 26 to 50 €": the currency of a range's end is its start's too.
  for (std::size_t k = count; k-- > 1;) {
    Candidate& a = candidates[k - 1];
    const Candidate& b = candidates[k];
    if (!a.has_currency && b.has_currency && IsRangeGap(s.substr(a.end, b.begin - a.end))) {
      a.has_currency = true;
      a.mark = b.mark;
    }
  }

  bool any_currency = false;
  bool any_unstruck = false;
  for (std::size_t k = 0; k < count; ++k) any_unstruck = any_unstruck || !candidates[k].struck;
  for (std::size_t k = 0; k < count; ++k) {
    const Candidate& c = candidates[k];
    any_currency = any_currency || (c.has_currency && !(any_unstruck && c.struck));
  }
  const Candidate* chosen = nullptr;
  for (std::size_t k = 0; k < count; ++k) {
    const Candidate& c = candidates[k];
    if (any_currency && !c.has_currency) continue;
    if (any_unstruck && c.struck) continue;  // "~~4,000~~ 3,200": the price not crossed out
    if (chosen == nullptr) chosen = &c;
    // "Was $120.00 Now $60.00": the new price.
    if (c.value != 0 && HasWord(s.substr(c.previous_end, c.begin - c.previous_end), "now")) {
      chosen = &c;
      break;
    }
  }

  ParsedPrice out;
  if (chosen != nullptr) {
    out.amount = chosen->value;
    if (chosen->mark.length > 0) out.currency = ResolveMark(chosen->mark.code, "");
  } else if (!any_digit && (HasWord(s, "free") || HasWord(s, "gratis"))) {
    out.amount = 0.0;
  }
  if (!out.currency) out.currency = FirstMark(s);
  if (!out.currency && currency_hint) out.currency = FirstMark(*currency_hint);
  return out;
}

std::optional<std::string> CurrencyFromMark(std::string_view mark,
                                            std::string_view store_currency) {
  const std::string_view store = internal::StoreOrDefault(store_currency);
  std::string_view m = internal::TrimBlanks(mark);
  if (m.empty() || m.size() > 32) return std::nullopt;
  if (auto iso = internal::LookUp(m, store)) return iso;
  // "Kshs." "Sh." "руб." "Nu.": a closing dot is punctuation.
  if (m.size() > 1 && m.back() == '.') {
    m.remove_suffix(1);
    return internal::LookUp(m, store);
  }
  return std::nullopt;
}

bool IsKnownCurrency(std::string_view iso_code) {
  for (std::string_view code : internal::kKnownCodes) {
    if (code == iso_code) return true;
  }
  return false;
}

std::vector<std::string_view> KnownCurrencies() {
  return {std::begin(internal::kKnownCodes), std::end(internal::kKnownCodes)};
}

}  // namespace vendly
