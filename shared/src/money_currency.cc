// The currency table: which marks stand for which ISO 4217 code, and which codes the catalog
// accepts.
#include "money_currency.h"

#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "money_text.h"
#include "vendly/money.h"

namespace vendly {
namespace internal {
namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

MarkMatch MarkStartingAt(std::string_view text, std::size_t begin) {
  MarkMatch best;
  if (begin >= text.size()) return best;
  for (const MarkEntry& e : kMarks) {
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
  if (end > text.size()) return best;
  for (const MarkEntry& e : kMarks) {
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

namespace {

std::optional<std::string> LookUp(std::string_view mark, std::string_view store) {
  for (const MarkEntry& e : kMarks) {
    if (SameMark(mark, e.mark, e.exact_case)) return ResolveMark(e.iso, store);
  }
  std::string_view code = IsoCodeMark(mark);
  if (!code.empty()) return std::string(code);
  return std::nullopt;
}

}  // namespace

std::string_view StoreOrDefault(std::string_view store_currency) {
  return store_currency.empty() ? std::string_view("KES") : store_currency;
}

}  // namespace internal

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

}  // namespace vendly
