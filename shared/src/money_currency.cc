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
};

// ISO codes the catalog accepts. Letter-for-letter codes in captions are marks too ("usd 20"), but
// the ones that are also everyday words only in capitals ("ALL", "TRY", "TOP", "PEN").
constexpr std::string_view kKnownCodes[] = {
    "KES", "UGX", "TZS", "RWF", "NGN", "USD", "EUR", "GBP", "ZAR", "ETB", "GHS", "BIF",
    "CDF", "SSP", "XOF", "XAF", "SOS", "DJF", "ERN", "KMF", "MWK", "ZMW", "MZN", "EGP",
    "MAD", "AED", "SAR", "QAR", "KWD", "BHD", "OMR", "ILS", "IRR", "AFN", "INR", "NPR",
    "PKR", "LKR", "BDT", "BTN", "CNY", "JPY", "KRW", "HKD", "TWD", "SGD", "MYR", "IDR",
    "THB", "VND", "PHP", "KHR", "LAK", "MNT", "KZT", "UZS", "AUD", "NZD", "CAD", "MXN",
    "BRL", "ARS", "CLP", "COP", "PEN", "DOP", "JMD", "BZD", "CUC", "CUP", "CRC", "PYG",
    "ANG", "CHF", "PLN", "CZK", "HUF", "RON", "BGN", "HRK", "RUB", "UAH", "BYN", "TRY",
    "ALL", "BAM", "AMD", "AZN", "GEL", "SEK", "NOK", "DKK", "ISK",
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

std::optional<std::string> Resolve(std::string_view iso, std::string_view store) {
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

std::optional<std::string> LookUp(std::string_view mark, std::string_view store) {
  for (const MarkEntry& e : kMarks) {
    if (SameMark(mark, e.mark, e.exact_case)) return Resolve(e.iso, store);
  }
  if (mark.size() == 3 && IsAsciiAlpha(mark[0]) && IsAsciiAlpha(mark[1]) && IsAsciiAlpha(mark[2])) {
    char upper[3];
    bool all_upper = true;
    for (int i = 0; i < 3; ++i) {
      upper[i] = static_cast<char>(mark[i] >= 'a' ? mark[i] - 'a' + 'A' : mark[i]);
      all_upper = all_upper && mark[i] == upper[i];
    }
    const std::string_view code(upper, 3);
    if (!IsKnownCurrency(code)) return std::nullopt;
    if (!all_upper) {
      for (std::string_view w : kWordLikeCodes) {
        if (code == w) return std::nullopt;
      }
    }
    return std::string(code);
  }
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
