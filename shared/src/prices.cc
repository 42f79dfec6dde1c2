#include "prices.h"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "caption_marks.h"
#include "category.h"
#include "lexicon.h"
#include "money_text.h"
#include "spec_units.h"
#include "vendly/money.h"

namespace vendly::internal {
namespace {

// Currency words before and after an amount: the registry's (caption_marks.h, money.cc).
bool IsCurrencyPrefix(HashedWord w) { return (CaptionMarkPlaces(w) & kMarkBefore) != 0; }
bool IsCurrencySuffix(HashedWord w) { return (CaptionMarkPlaces(w) & kMarkAfter) != 0; }

// Cue words before a price ("Price: 2,500", "Bei 1,800", "now 2.8k", "going for 900").
const WordSet& PriceCuesBefore() {
  static constexpr std::string_view kWords[] = {
      "price", "prices", "priced",  "bei",        "cost",     "costs",    "now",    "sasa",
      "only",  "at",     "for",     "kuanzia",    "from",     "starting", "retail", "selling",
      "going", "just",   "ni",      "rate",       "offer",    "promo",    "deal",   "@",
      "pay",   "sale",   "special", "discounted", "discount", "kwa",      "goes",   "pekee"};
  static const WordSet k(kWords);
  return k;
}

// Cue words right after a price ("2,500 only", "650 each", "600 bob tu").
const WordSet& PriceCuesAfter() {
  static constexpr std::string_view kWords[] = {
      "only", "each",       "per",   "tu",        "pekee",     "kila",     "a",
      "ea",   "negotiable", "ono",   "depending", "kulingana", "included", "inclusive",
      "incl", "plus",       "firm",  "onwards",   "upwards",   "and",      "na",
      "to",   "hadi",       "mpaka", "instead",   "now",       "sasa",     "per-piece"};
  static const WordSet k(kWords);
  return k;
}

// Words before an old price ("was 3,000", "kabla 85,000", "bei ya zamani 60,000").
const WordSet& OldCues() {
  static constexpr std::string_view kWords[] = {"was",      "before",    "initially",  "originally",
                                                "kabla",    "zamani",    "previously", "usually",
                                                "normally", "ilikuwa",   "regular",    "instead",
                                                "formerly", "retailing", "badala"};
  static const WordSet k(kWords);
  return k;
}

// Words before "price" that make it an old price ("original price", "old price").
const WordSet& OldPriceQualifiers() {
  static constexpr std::string_view kWords[] = {"original", "old",    "usual",   "normal",
                                                "regular",  "retail", "initial", "previous",
                                                "shop",     "market", "zamani"};
  static const WordSet k(kWords);
  return k;
}

// Words before a fee or another amount that is not the item's price, read back to the clause start.
const WordSet& FeeWords() {
  static constexpr std::string_view kWords[] = {
      "delivery", "deliveries",   "deliver", "shipping",     "ship",        "ships",     "shipped",
      "deposit",  "installation", "install", "fee",          "fees",        "transport", "courier",
      "postage",  "rider",        "add",     "worth",        "salary",      "over",      "above",
      "topper",   "fare",         "booking", "commitment",   "usafiri",     "kutuma",    "posta",
      "pickup",   "deliveries",   "airtime", "win",          "prize",       "mkopo",     "deposits",
      "entry",    "entrance",     "tiketi",  "usafirishaji", "kusafirisha", "nauli",     "advance"};
  static const WordSet k(kWords);
  return k;
}

// Words after an amount that make it a fee ("5k delivery", "1.5k extra").
const WordSet& FeeWordsAfter() {
  static constexpr std::string_view kWords[] = {"delivery",     "shipping",  "extra",
                                                "deposit",      "transport", "fee",
                                                "installation", "postage",   "usafirishaji"};
  static const WordSet k(kWords);
  return k;
}

// Words before a number that make it a phone, till, paybill or account number.
const WordSet& AccountWords() {
  static constexpr std::string_view kWords[] = {
      "till",    "paybill", "acc",     "account",  "no",       "number", "mpesa",
      "m-pesa",  "momo",    "call",    "whatsapp", "piga",     "tel",    "phone",
      "contact", "sms",     "nambari", "namba",    "lipa",     "goods",  "airtel",
      "pesa",    "mtn",     "vodacom", "tigo",     "halopesa", "mixx",   "ref"};
  static const WordSet k(kWords);
  return k;
}

// Words before a number that make it a size.
[[gnu::always_inline]] inline const WordSet& SizeWords() {
  static constexpr std::string_view kWords[] = {"size", "sizes",   "sizez", "sz",  "waist",
                                                "uk",   "eu",      "euro",  "us",  "saizi",
                                                "saiz", "numbers", "no.",   "fits"};
  static const WordSet k(kWords);
  return k;
}

// Measures and specs glued to or right after a number ("128GB", "2 litres", "8pm").
// Counts, times and ordinals after a number ("3 pcs", "2 years", "24th", "8pm", "10k followers");
// measures and specifications are IsSpecUnit's (spec_units.h). See IsUnitWord.
const WordSet& UnitWords() {
  static constexpr std::string_view kWords[] = {
      "pcs",      "pc",       "pieces",   "piece",   "pax",      "x",      "th",        "st",
      "nd",       "rd",       "am",       "pm",      "hrs",      "hr",     "h",         "hours",
      "hour",     "min",      "mins",     "minutes", "sec",      "yrs",    "yr",        "years",
      "year",     "months",   "month",    "weeks",   "week",     "days",   "day",       "followers",
      "likes",    "views",    "people",   "winners", "friends",  "seater", "seaters",   "tier",
      "channel",  "cameras",  "camera",   "bulbs",   "gears",    "speed",  "stems",     "eggs",
      "colours",  "colors",   "flavours", "flavors", "shades",   "pack",   "packs",     "sets",
      "boxes",    "bundles",  "pairs",    "percent", "gen",      "series", "plates",    "seats",
      "burner",   "burners",  "doors",    "drawers", "layers",   "ply",    "litter",    "vipande",
      "sahani",   "watu",     "siku",     "wiki",    "miezi",    "mwaka",  "dakika",    "saa",
      "d",        "i",        "s",        "items",   "products", "orders", "customers", "clients",
      "capsules", "tablets",  "sachets",  "bottles", "cups",     "slices", "stars",     "star",
      "bedroom",  "bedrooms", "rooms",    "storey",  "wheels",   "legs",   "ports",     "port",
      "core",     "cores",    "users",    "boys",    "girls",    "kids",   "xl",        "wafuasi",
      "threads",  "warranty", "guarantee"};
  static const WordSet k(kWords);
  return k;
}

// A word after a number that makes it no price: a measure or specification, or a count or time.
bool IsUnitWord(HashedWord w) { return IsSpecUnit(w) || UnitWords().Contains(w); }

// Words before a number that make it a quantity, a measure, a time or a model number.
const WordSet& QuantityWordsBefore() {
  static constexpr std::string_view kWords[] = {
      "of",       "vipande",
      "pea",  // Swahili: a pair ("soksi pea 5")
      "kilo",     "lita",    "siku",      "saa",      "wiki",     "miezi",    "form",
      "ages",     "age",     "count",     "spf",      "top",      "grade",    "hit",
      "min",      "minimum", "max",       "maximum",  "weight",   "capacity", "class",
      "model",    "version", "gen",       "series",   "standard", "std",      "over",
      "length",   "dozens",  "qty",       "quantity", "stock",    "mwaka",    "kuanzia-vipande",
      "battery",  "health",  "warranty",  "year",     "years",    "number",   "room",
      "shop",     "stall",   "floor",     "gate",     "stage",    "plot",     "house",
      "block",    "level",   "ip",        "ipx",      "seti",     "lipa",     "in",
      "after",    "within",  "psalm",     "chapter",  "episode",  "part",     "season",
      "vol",      "volume",  "book",      "unit",     "units",    "route",    "apartment",
      "building", "road",    "street",    "avenue",   "ave",      "lane",     "plaza",
      "mall",     "hall",    "track",     "pin",      "ref",      "id",       "cycle",
      "phase",    "wafuasi", "followers", "likes",    "views"};
  static const WordSet k(kWords);
  return k;
}

// Fractions of a measure: "nusu kilo" (half a kilo), "robo lita" (a quarter litre).
const WordSet& FractionWords() {
  static constexpr std::string_view kWords[] = {"nusu", "robo", "half", "quarter"};
  static const WordSet k(kWords);
  return k;
}

// Words that turn the amounts after them into bundle or wholesale prices.
const WordSet& BundleWords() {
  static constexpr std::string_view kWords[] = {"dozen",  "wholesale", "jumla",  "bulk",
                                                "carton", "bale-of",   "cartons"};
  static const WordSet k(kWords);
  return k;
}

// Words between a count and the amount it buys: "3 for 500", "mbili kwa 1000", "pair ni 800".
const WordSet& ConnectorWords() {
  static constexpr std::string_view kWords[] = {"for", "kwa", "ni", "at"};
  static const WordSet k(kWords);
  return k;
}

// Words that make a count a pack of several units: "any 2", "2 pairs", "jozi mbili", "dozen".
const WordSet& PackWords() {
  static constexpr std::string_view kWords[] = {"any",   "pair", "pairs", "jozi",
                                                "dozen", "doz",  "dozens"};
  static const WordSet k(kWords);
  return k;
}

// Words that name an option of one item: its size or its pack ("Pakiti ndogo", "Big bottle",
// "Nusu kilo", "Family size").
const WordSet& OptionWords() {
  static constexpr std::string_view kWords[] = {
      "small",  "big",    "large",  "medium",  "mini",   "regular", "jumbo",   "family", "half",
      "full",   "single", "double", "ndogo",   "kubwa",  "kati",    "nusu",    "robo",   "mdogo",
      "mkubwa", "pack",   "packet", "pakiti",  "bottle", "chupa",   "kilo",    "litre",  "liter",
      "lita",   "box",    "piece",  "pieces",  "tray",   "crate",   "debe",    "gunia",  "sachet",
      "jar",    "tin",    "mkebe",  "portion", "plate",  "sahani",  "kikombe", "cup",    "glass",
      "bucket", "ndoo",   "roll",   "dozen"};
  static const WordSet k(kWords);
  return k;
}

// Words a model number follows ("iPhone 12", "Air Max 90", "Spark 20").
const WordSet& ModelWords() {
  static constexpr std::string_view kWords[] = {
      "iphone", "ipad",  "galaxy",   "note",        "pro",       "max",     "plus",     "ultra",
      "series", "air",   "spark",    "camon",       "hot",       "pop",     "redmi",    "pixel",
      "flip",   "toast", "freepods", "playstation", "ps",        "xbox",    "watch",    "jordan",
      "force",  "dunk",  "balance",  "latitude",    "elitebook", "probook", "thinkpad", "macbook",
      "mate",   "nova",  "smart",    "hero",        "charge",    "go",      "buds",     "retro",
      "yeezy",  "boost", "model",    "s",           "a"};
  static const WordSet k(kWords);
  return k;
}

const WordSet& MonthWords() {
  static constexpr std::string_view kWords[] = {
      "jan",      "january",   "feb",     "february", "mar", "march",    "apr",    "april",
      "may",      "june",      "jun",     "july",     "jul", "aug",      "august", "sep",
      "sept",     "september", "oct",     "october",  "nov", "november", "dec",    "december",
      "januari",  "februari",  "machi",   "aprili",   "mei", "juni",     "julai",  "agosti",
      "septemba", "oktoba",    "novemba", "desemba"};
  static const WordSet k(kWords);
  return k;
}

// Swahili (and a few English) number words for ReadSwahiliNumber.
[[gnu::always_inline]] inline const WordMap<int>& SmallNumberWords() {
  static constexpr std::pair<std::string_view, int> kEntries[] = {
      {"moja", 1},      {"mbili", 2},       {"tatu", 3},      {"nne", 4},      {"tano", 5},
      {"sita", 6},      {"saba", 7},        {"nane", 8},      {"tisa", 9},     {"kumi", 10},
      {"ishirini", 20}, {"thelathini", 30}, {"arobaini", 40}, {"hamsini", 50}, {"sitini", 60},
      {"sabini", 70},   {"themanini", 80},  {"tisini", 90},   {"one", 1},      {"two", 2},
      {"three", 3},     {"four", 4},        {"five", 5},      {"six", 6},      {"seven", 7},
      {"eight", 8},     {"nine", 9},        {"ten", 10},      {"twenty", 20},  {"thirty", 30},
      {"forty", 40},    {"fifty", 50},      {"sixty", 60},    {"seventy", 70}, {"eighty", 80},
      {"ninety", 90}};
  static const WordMap<int> k(kEntries);
  return k;
}

bool IsMultiplierWord(std::string_view w) {
  return w == "mia" || w == "elfu" || w == "ngiri" || w == "thao" || w == "laki" || w == "milioni";
}

// The index of the previous/next token in [first, last) that is not an emoji, or -1.
int Prev(const Text& t, int i, int first) {
  for (int k = i - 1; k >= first; --k) {
    if (t.tokens[k].kind != TokenKind::kEmoji) return k;
  }
  return -1;
}
int Next(const Text& t, int i, int last) {
  for (int k = i + 1; k < last; ++k) {
    if (t.tokens[k].kind != TokenKind::kEmoji) return k;
  }
  return -1;
}

// Token tests that take any index: -1 (what Prev/Next return for "none") and indices past the last
// token (callers look at nx + 1) are simply "no such token".
bool InRange(const Text& t, int i) {
  return i >= 0 && static_cast<std::size_t>(i) < t.tokens.size();
}
bool IsWord(const Text& t, int i) { return InRange(t, i) && t.tokens[i].kind == TokenKind::kWord; }
bool IsNumber(const Text& t, int i) {
  return InRange(t, i) && t.tokens[i].kind == TokenKind::kNumber;
}
char PunctAt(const Text& t, int i) { return InRange(t, i) ? t.Punct(t.tokens[i]) : '\0'; }

// A number is "grouped" when it has a thousands mark or a k/M multiplier ("2,500", "1.2M", "2k").
bool HasGroupingOrMultiplier(std::string_view raw) {
  for (char c : raw) {
    if (c == ',' || c == '.' || c == '\'' || c == 'k' || c == 'K' || c == 'M' || c == 'm') {
      return true;
    }
  }
  return false;
}
// A word of two or more letters written in capitals only ("BREAD", "NIKE").
bool AllCaps(std::string_view raw) {
  int letters = 0;
  for (char c : raw) {
    if (c >= 'a' && c <= 'z') return false;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}
bool HasMultiplier(std::string_view raw) {
  char c = raw.empty() ? '\0' : raw.back();
  return c == 'k' || c == 'K' || c == 'M' || c == 'm';
}
int DigitCount(std::string_view raw) {
  int n = 0;
  for (char c : raw) n += c >= '0' && c <= '9';
  return n;
}
bool OnlyDigits(std::string_view raw) {
  for (char c : raw) {
    if (c < '0' || c > '9') return false;
  }
  return !raw.empty();
}

// The smallest bare amount a store's currency makes plausible as a price.
double SmallestBarePrice(std::string_view store) {
  if (store == "USD" || store == "EUR" || store == "GBP") return 1;
  return 50;
}

// The ISO code of a currency mark, or "" when `mark` is none.
std::string MarkCurrency(std::string_view mark, std::string_view store) {
  std::optional<std::string> iso = CurrencyFromMark(mark, store);
  if (!iso) return std::string();
  return *iso;
}

// How far back (in tokens) a fee or bundle word still governs an amount.
constexpr int kClauseWindow = 16;

bool StartsWithAny(std::string_view raw, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (raw.substr(0, p.size()) == p) return true;
  }
  return false;
}

// A combining strike-through mark (U+0335..U+0338), as in "4̶0̶0̶0̶": the tokeniser leaves each one a
// token of its own after the digit it strikes.
bool IsCombiningStrike(std::string_view raw) {
  return raw.size() == 2 && static_cast<unsigned char>(raw[0]) == 0xCC &&
         static_cast<unsigned char>(raw[1]) >= 0xB5 && static_cast<unsigned char>(raw[1]) <= 0xB8;
}

// Marks that cross out the price before them ("Ksh 5,000 ❌ Ksh 4,200 ✅"): ❌ ❎ ✖ ✗ ✘ 🚫 ⛔.
bool IsCrossMark(std::string_view raw) {
  return StartsWithAny(raw, {"\xE2\x9D\x8C", "\xE2\x9D\x8E", "\xE2\x9C\x96", "\xE2\x9C\x97",
                             "\xE2\x9C\x98", "\xF0\x9F\x9A\xAB", "\xE2\x9B\x94"});
}

// Marks that lead from an old price to a new one ("4,000 → 3,200"): → ⇒ ⟶ ➡ 👉.
bool IsArrowMark(std::string_view raw) {
  return StartsWithAny(
      raw, {"\xE2\x86\x92", "\xE2\x87\x92", "\xE2\x9F\xB6", "\xE2\x9E\xA1", "\xF0\x9F\x91\x89"});
}

// Bits of MoneyFinder::consumed_.
constexpr char kTaken = 1;         // read already (a phone number, a size list, a group, a strike)
constexpr char kStruck = 2;        // inside a strike-through span: an old price
constexpr char kStruckSingle = 4;  // ... told by single tildes only ("~UGX 60,000~")

class MoneyFinder {
 public:
  MoneyFinder(const Text& text, std::string_view store) : t_(text), store_(store) {
    if (store_.empty()) store_ = "KES";
    consumed_.assign(t_.tokens.size(), 0);
    out_.reserve(16);
  }

  std::vector<Money> Run() {
    // Most captions strike nothing: one scan for a tilde spares the per-line pass.
    const bool tildes = t_.raw.find('~') != std::string_view::npos;
    for (uint32_t li = 0; li < t_.lines.size(); ++li) {
      const Line& line = t_.lines[li];
      line_first_ = static_cast<int>(line.first);
      line_last_ = static_cast<int>(line.last);
      MarkPhones();
      MarkSizeLists();
      if (tildes) MarkStrikes();
      for (int i = line_first_; i < line_last_; ++i) {
        if (consumed_[i] & kTaken) continue;
        const Token& tok = t_.tokens[i];
        if (tok.kind == TokenKind::kWord) {
          std::string_view w = t_.Lower(tok);
          if (IsMultiplierWord(w) || SmallNumberWords().Find(t_.Word(tok)) != nullptr) {
            uint32_t end = 0;
            std::optional<double> v =
                ReadSwahiliNumber(t_, static_cast<uint32_t>(i), line.last, &end);
            if (v && *v > 0) {
              AddSwahili(i, static_cast<int>(end), *v, li);
              i = static_cast<int>(end) - 1;
            }
          }
          continue;
        }
        if (tok.kind == TokenKind::kNumber) AddNumber(i, li);
      }
    }
    std::sort(out_.begin(), out_.end(),
              [](const Money& a, const Money& b) { return a.begin < b.begin; });
    MarkFeeTables();
    MarkYearTables();
    ReadYearShapedRows();
    ResolvePairs();
    MarkQuantitiesBesidePrices();
    PriceLoneBundles();
    return std::move(out_);
  }

  // A bare price on a line where a quantity stands too, when which number is the price rests on
  // the unit lexicon alone: the unit written before its number ("Gramu 250 - 9 000", "Kilo 5 -
  // 1 200"), or a price joined from digit groups after a quantity ("Sukari 5 kg 25 000"). The
  // reading is risky. (A unit glued after its number, "Vanilla cake (1kg) - 2,000", is not.)
  void MarkQuantitiesBesidePrices() {
    for (std::size_t q = 0; q < out_.size(); ++q) {
      const Money& m = out_[q];
      if (m.role != MoneyRole::kNotPrice ||
          (m.reason != NotPriceReason::kQuantity && m.reason != NotPriceReason::kUnit)) {
        continue;
      }
      const int before = static_cast<int>(m.first_token) - 1;
      const int after = static_cast<int>(m.last_token);
      const Line& l = t_.lines[m.line];
      const bool unit_first = before >= static_cast<int>(l.first) && IsWord(t_, before) &&
                              IsQuantityUnit(t_.Word(t_.tokens[before]));
      const bool unit_after = after < static_cast<int>(l.last) && IsWord(t_, after) &&
                              IsQuantityUnit(t_.Word(t_.tokens[after]));
      if (!unit_first && !unit_after) continue;
      for (Money& p : out_) {
        if (p.line != m.line || p.role != MoneyRole::kPrice || p.explicit_currency) continue;
        const bool grouped_after = p.first_token > m.last_token && p.last_token > p.first_token + 1;
        if (unit_first || grouped_after) p.risky = true;
      }
    }
  }

  // "Air Force 1 Kshs 3,350": a mark between a number too small to be a price (a model number) and
  // an amount is that amount's prefix, not the small number's suffix. ("2,500 ksh" keeps its
  // suffix.)
  bool MarkLeadsAnAmount(int mark, double before) const {
    if (before >= SmallestBarePrice(store_)) return false;
    const int next = Next(t_, mark, line_last_);
    return next >= 0 && t_.tokens[next].kind == TokenKind::kNumber;
  }

  // Phone numbers: a number starting with 0 ("0712 345 678"), after '+' ("+254 ..."), or of nine or
  // more digits, with the digit groups that follow it.
  void MarkPhones() {
    for (int i = line_first_; i < line_last_; ++i) {
      const Token& tok = t_.tokens[i];
      if (tok.kind != TokenKind::kNumber || (consumed_[i] & kTaken)) continue;
      std::string_view raw = t_.Raw(tok);
      int digits = DigitCount(raw);
      bool zero = raw.size() >= 3 && raw[0] == '0' && raw[1] >= '0' && raw[1] <= '9';
      // "45 000", "1 050 000": a group that starts with 0 continues the number of a short head.
      if (zero && ContinuesGroupRun(i)) zero = false;
      bool plus = i > line_first_ && t_.Punct(t_.tokens[i - 1]) == '+' && !tok.space_before &&
                  digits >= 3 &&
                  !(i - 1 > line_first_ && !t_.tokens[i - 1].space_before &&
                    t_.tokens[i - 2].kind == TokenKind::kNumber);  // "8+128" is RAM and storage
      if (!(zero || plus || (digits >= 9 && OnlyDigits(raw)))) continue;
      int j = i + 1;
      int total = digits;
      while (j < line_last_ && total < 13) {
        const Token& n = t_.tokens[j];
        if (n.kind == TokenKind::kNumber && OnlyDigits(t_.Raw(n))) {
          total += DigitCount(t_.Raw(n));
          ++j;
          continue;
        }
        char p = t_.Punct(n);
        if ((p == '-' || p == '.') && !n.space_before && j + 1 < line_last_ &&
            t_.tokens[j + 1].kind == TokenKind::kNumber && !t_.tokens[j + 1].space_before) {
          ++j;
          continue;
        }
        break;
      }
      for (int k = i; k < j; ++k) consumed_[k] |= kTaken;
      Money m;
      m.begin = tok.begin;
      m.end = t_.tokens[j - 1].end;
      m.first_token = static_cast<uint32_t>(i);
      m.last_token = static_cast<uint32_t>(j);
      m.line = tok.line;
      m.role = MoneyRole::kNotPrice;
      m.reason = NotPriceReason::kPhone;
      out_.push_back(std::move(m));
      i = j - 1;
    }
  }

  // Whether number token `i` is a digit group after the first of an amount grouped by spaces or
  // apostrophes ("45 000", "1 050 000", "UGX 1 099 000"): walking back over groups of exactly three
  // digits, any digits (0 included), with one separator throughout, reaches a head of 1-3 digits
  // that does not start with 0. (A phone number's head starts with 0, "0712 345 678", and was read
  // with its groups before.)
  bool ContinuesGroupRun(int i) const {
    std::string_view sep;
    int k = i;
    for (int steps = 0; steps < 8; ++steps) {
      int h = k - 1;
      if (h > line_first_ && !t_.tokens[k].space_before && t_.Raw(t_.tokens[h]) == "\xE2\x80\x99") {
        --h;  // 1’500
      }
      std::string_view gap;
      if (h < line_first_ || t_.tokens[h].kind != TokenKind::kNumber || NextGroup(h, &gap) != k ||
          (!sep.empty() && gap != sep)) {
        break;
      }
      sep = gap;
      k = h;
    }
    if (k == i) return false;
    const std::string_view head = t_.Raw(t_.tokens[k]);
    return OnlyDigits(head) && !head.empty() && head.size() <= 3 && head[0] != '0';
  }

  // Sizes: numbers listed after "Size"/"Sizes"/"Waist"/"UK" ("Sizes 8, 10, 12", "Size 39 - 45",
  // "Size 40 hadi 45") until something else starts (a colon before a price ends the list).
  void MarkSizeLists() {
    for (int i = line_first_; i < line_last_; ++i) {
      const Token& tok = t_.tokens[i];
      if (tok.kind != TokenKind::kWord || !SizeWords().Contains(t_.Word(tok))) continue;
      int j = i + 1;
      bool any = false;
      while (j < line_last_) {
        const Token& n = t_.tokens[j];
        if (n.kind == TokenKind::kNumber) {
          std::string_view raw = t_.Raw(n);
          if (!OnlyDigits(raw) || raw.size() > 2) break;
          std::string_view gap;
          if (NextGroup(j, &gap) >= 0) break;  // "sizes 40-44 - 4 800": the price's head
          consumed_[j] |= kTaken;
          any = true;
          ++j;
          continue;
        }
        char p = t_.Punct(n);
        if (p == ',' || p == '-' || p == '/' || p == '&' || IsDash(t_, n) || (p == ':' && !any) ||
            (p == '.' && !any)) {
          ++j;
          continue;
        }
        if (n.kind == TokenKind::kWord) {
          std::string_view w = t_.Lower(n);
          if (w == "to" || w == "hadi" || w == "and" || w == "na" || w == "mpaka" || w == "uk" ||
              w == "eu" || w == "us" || w == "euro" || (!any && (w == "from" || w == "kuanzia"))) {
            ++j;
            continue;
          }
        }
        break;
      }
      i = j - 1;
    }
  }

  // Fee tables: a header naming a fee ("Delivery fees", "Shipping rates", "Bei za delivery", "Our
  // delivery charges per area") over two or more rows of a place and an amount ("CBD - Ksh 100",
  // "Lekki: ₦3,000"). The rows' amounts are fees. A row naming a product ("Hoodie - 1,500") ends
  // the table.
  void MarkFeeTables() {
    std::size_t m = 0;
    while (m < out_.size()) {
      // A header is the line right before a line of amounts, holding none itself.
      const uint32_t first_row = out_[m].line;
      const uint32_t li = first_row - 1;
      // Rows read "<place> - <amount>" or "<place> <amount>": look at the header only when a dash
      // or colon leads the first row's amount or the amount ends its row (most lines of amounts
      // are no table).
      // (The row's price, not a number of its place: "Zone A (within 5km) - 200".)
      std::size_t price = m;
      while (price + 1 < out_.size() && out_[price + 1].line == first_row &&
             out_[price].role != MoneyRole::kPrice) {
        ++price;
      }
      const int lead = static_cast<int>(out_[price].first_token) - 1;
      const bool row_shaped = (lead >= static_cast<int>(t_.lines[first_row].first) &&
                               (IsDash(t_, t_.tokens[lead]) || t_.Punct(t_.tokens[lead]) == ':')) ||
                              EndsItsLine(out_[price]);
      if (first_row == 0 || !row_shaped || (m > 0 && out_[m - 1].line == li) || !IsFeeHeader(li)) {
        while (m < out_.size() && out_[m].line == first_row) ++m;
        continue;
      }
      std::size_t rows_end = m;
      uint32_t rows = 0;
      for (uint32_t r = li + 1; r < t_.lines.size(); ++r) {
        std::size_t k = rows_end;
        int prices = 0;
        while (k < out_.size() && out_[k].line == r) {
          prices += out_[k].role == MoneyRole::kPrice;
          ++k;
        }
        if (prices != 1 || !IsFeeRow(r, rows_end, k)) break;
        rows_end = k;
        ++rows;
      }
      if (rows < 2) {
        while (m < out_.size() && out_[m].line == first_row) ++m;
        continue;
      }
      for (std::size_t k = m; k < rows_end; ++k) {
        if (out_[k].role == MoneyRole::kNotPrice) continue;
        out_[k].role = MoneyRole::kNotPrice;
        out_[k].reason = NotPriceReason::kFee;
      }
      m = rows_end;
    }
  }

  // Tables keyed by years ("2021 - 200 followers", "2022 - 2,500", "2023 - 10,000"): two or more
  // rows of a bare year, a dash or colon and an amount with no currency mark count something, they
  // price nothing.
  void MarkYearTables() {
    std::size_t m = 0;
    while (m < out_.size()) {
      std::size_t end = m;
      uint32_t line = out_[m].line;
      while (end < out_.size() && IsYearRow(end, line)) {
        // The row's money: the year, then its amount.
        end += 2;
        ++line;
      }
      if (end - m >= 4) {
        for (std::size_t k = m; k < end; ++k) {
          if (out_[k].role == MoneyRole::kNotPrice) continue;
          out_[k].role = MoneyRole::kNotPrice;
          out_[k].reason = NotPriceReason::kQuantity;
        }
        m = end;
      } else {
        ++m;
      }
    }
  }

  // Option rows: "Pakiti kubwa Ksh 3,500 / Pakiti ndogo 2000", "Big pack 3,500 / Small pack
  // 2000", "Nusu kilo 2,500 / Kilo moja Ksh 4,000". A bare number read as a year (1990-2039) or
  // as a quantity after a unit word, too large for one (ten times the smallest bare price), that
  // ends a row of a few words, one of them naming an option (OptionWords), is that row's price
  // when the row next to it ends in a price after a few words and the two rows share one of those
  // words. The reading is risky: a year or a count looks the same.
  void ReadYearShapedRows() {
    // The word tokens before out_[k] on its line when it ends the line (emojis aside) after one
    // to four words and nothing else; empty otherwise.
    auto row_words = [&](std::size_t k, std::vector<uint32_t>* words) {
      words->clear();
      const Money& m = out_[k];
      const Line& l = t_.lines[m.line];
      for (uint32_t i = m.last_token; i < l.last; ++i) {
        if (t_.tokens[i].kind != TokenKind::kEmoji) return false;
      }
      for (uint32_t i = l.first; i < m.first_token; ++i) {
        const Token& tok = t_.tokens[i];
        if (tok.kind == TokenKind::kWord && !tok.has_digit) {
          words->push_back(i);
        } else if (tok.kind == TokenKind::kWord || tok.kind == TokenKind::kNumber) {
          if (!m.explicit_currency || i + 1 != m.first_token) return false;
        }
      }
      return !words->empty() && words->size() <= 4;
    };
    std::vector<uint32_t> mine, theirs;
    for (std::size_t k = 0; k < out_.size(); ++k) {
      Money& m = out_[k];
      const bool quantity = m.reason == NotPriceReason::kQuantity && !m.explicit_currency &&
                            m.amount >= 10 * SmallestBarePrice(store_);
      if (m.role != MoneyRole::kNotPrice || (m.reason != NotPriceReason::kYear && !quantity)) {
        continue;
      }
      if (!row_words(k, &mine)) continue;
      bool option = false;
      for (uint32_t a : mine) option = option || OptionWords().Contains(t_.Word(t_.tokens[a]));
      if (!option) continue;
      bool sibling = false;
      for (std::size_t j = 0; j < out_.size() && !sibling; ++j) {
        const Money& o = out_[j];
        if (j == k || o.role != MoneyRole::kPrice) continue;
        if (o.line + 1 != m.line && m.line + 1 != o.line) continue;
        if (!row_words(j, &theirs)) continue;
        for (uint32_t a : mine) {
          const std::string_view wa = t_.Lower(t_.tokens[a]);
          if (wa.size() < 3) continue;
          for (uint32_t b : theirs) sibling = sibling || t_.Lower(t_.tokens[b]) == wa;
        }
      }
      if (!sibling) continue;
      m.role = MoneyRole::kPrice;
      m.reason = NotPriceReason::kNone;
      m.strength = 2;
      m.risky = true;
    }
  }

  // Whether out_[k] and out_[k + 1] are the row "<year> - <bare amount>" that fills line `line`.
  bool IsYearRow(std::size_t k, uint32_t line) const {
    if (k + 1 >= out_.size()) return false;
    const Money& year = out_[k];
    const Money& amount = out_[k + 1];
    const Line& l = t_.lines[line];
    if (year.line != line || amount.line != line || year.first_token != l.first) return false;
    if (year.reason != NotPriceReason::kYear && !(year.amount >= 1990 && year.amount <= 2039)) {
      return false;
    }
    if (amount.explicit_currency || amount.first_token != year.last_token + 1) return false;
    const Token& sep = t_.tokens[year.last_token];
    if (!IsDash(t_, sep) && t_.Punct(sep) != ':') return false;
    return k + 2 >= out_.size() || out_[k + 2].line != line;
  }

  bool IsFeeHeader(uint32_t li) const {
    static constexpr std::string_view kTableWords[] = {
        "fees",  "fee", "charges", "charge",  "rates", "rate", "costs", "cost",     "prices",
        "price", "bei", "gharama", "tariffs", "areas", "area", "zones", "locations"};
    static const WordSet tables(kTableWords);
    // The fee words that head a table on their own ("Usafirishaji 🛵", "Delivery:").
    static constexpr std::string_view kCarriageWords[] = {
        "delivery", "shipping", "usafirishaji", "usafiri", "kusafirisha", "transport",
        "courier",  "postage",  "posta",        "nauli",   "kutuma"};
    static const WordSet carriage(kCarriageWords);
    // A header is short: a fee word, a table word, up to three others, an emoji or a colon; or
    // a carriage word with one other word at most.
    if (t_.lines[li].last - t_.lines[li].first > 10) return false;
    bool fee = false, table = false, carries = false;
    int other = 0;
    for (uint32_t k = t_.lines[li].first; k < t_.lines[li].last; ++k) {
      const Token& tok = t_.tokens[k];
      if (tok.kind == TokenKind::kNumber) return false;
      if (tok.kind != TokenKind::kWord) continue;
      const HashedWord w = t_.Word(tok);
      if (w.text == "free") return false;
      const bool is_fee = FeeWords().Contains(w);
      const bool is_table = tables.Contains(w);
      fee = fee || is_fee;
      table = table || is_table;
      carries = carries || carriage.Contains(w);
      other += !is_fee && !is_table;
    }
    return (fee && table && other <= 3) || (carries && other <= 1);
  }

  // Whether nothing but emojis follows money `m` on its line.
  // "Small size", "Family size": the size word at token `size_word` ends an option's label.
  bool OptionSizeLabel(int size_word) const {
    const int w = Prev(t_, size_word, line_first_);
    return t_.Lower(t_.tokens[size_word]) == "size" && IsWord(t_, w) &&
           OptionWords().Contains(t_.Word(t_.tokens[w]));
  }

  bool EndsItsLine(const Money& m) const {
    for (uint32_t i = m.last_token; i < t_.lines[m.line].last; ++i) {
      if (t_.tokens[i].kind != TokenKind::kEmoji) return false;
    }
    return true;
  }

  // A row of a fee table: a few words that name no product ("CBD", "Zone A (within 5km)", "Nje ya
  // mji"), a dash or colon, the amount; or no separator when the amount ends the row. The row's
  // money is out_[first, end); numbers other than its price (and the words glued to them) are
  // part of the place.
  bool IsFeeRow(uint32_t li, std::size_t first, std::size_t end) const {
    uint32_t price_first = t_.lines[li].last;
    const Money* price = nullptr;
    for (std::size_t k = first; k < end; ++k) {
      if (out_[k].role == MoneyRole::kPrice) {
        price = &out_[k];
        price_first = out_[k].first_token;
      }
    }
    if (price == nullptr) return false;
    int words = 0;
    bool separator = false;
    for (uint32_t k = t_.lines[li].first; k < price_first; ++k) {
      const Token& tok = t_.tokens[k];
      if (tok.kind == TokenKind::kWord) {
        if (k > 0 && !tok.space_before && t_.tokens[k - 1].kind == TokenKind::kNumber) continue;
        int weight = 0;
        if (separator || LookupCategoryWord(t_.Word(tok), &weight) >= 0) return false;
        ++words;
      } else if (IsDash(t_, tok) || t_.Punct(tok) == ':') {
        separator = true;
      }
    }
    return words >= 1 && words <= 4 && (separator || EndsItsLine(*price));
  }

  // Whether token `p` is a price cue word ("Price", "bei", "now", "@") or a colon after one.
  bool PriceCueBefore(int p) const {
    if (PunctAt(t_, p) == ':') p = Prev(t_, p, line_first_);
    return (IsWord(t_, p) && PriceCuesBefore().Contains(t_.Word(t_.tokens[p]))) ||
           PunctAt(t_, p) == '@';
  }

  // Whether most words of the caption are written in capitals (computed once, when first asked).
  bool ShoutedCaption() const {
    if (shouted_ < 0) {
      int caps = 0, words = 0;
      for (const Token& tok : t_.tokens) {
        if (tok.kind != TokenKind::kWord || tok.end - tok.begin < 2) continue;
        ++words;
        caps += AllCaps(t_.Raw(tok));
      }
      shouted_ = words > 0 && caps * 5 >= words * 4 ? 1 : 0;
    }
    return shouted_ == 1;
  }

  // Whether a till, paybill, merchant or phone word stands before token `i` on its line ("Airtel
  // merchant code 1234567", "Lipa na M-Pesa 5544332").
  bool AccountWordBefore(int i) const {
    for (int k = std::max(line_first_, i - kClauseWindow); k < i; ++k) {
      if (IsWord(t_, k) && AccountWords().Contains(t_.Word(t_.tokens[k]))) return true;
    }
    return false;
  }

  // Strike-through spans: "~~4,000~~" and "~UGX 60,000~" on one line. An opening tilde run is glued
  // to what follows it and not to a word or number before it; a closing one is glued to what
  // precedes it and not to what follows ("500~800" is a range, "~3,000" an estimate).
  void MarkStrikes() {
    int open = -1;
    for (int i = line_first_; i < line_last_; ++i) {
      const Token& tok = t_.tokens[i];
      if (tok.kind != TokenKind::kPunct || t_.raw[tok.begin] != '~') continue;
      const std::string_view r = t_.Raw(tok);  // "~" or "~~"
      const bool glued_after = i + 1 < line_last_ && !t_.tokens[i + 1].space_before;
      const bool glued_before = i > line_first_ && !tok.space_before;
      const bool word_before = glued_before && t_.tokens[i - 1].kind != TokenKind::kPunct;
      const bool word_after = glued_after && t_.tokens[i + 1].kind != TokenKind::kPunct;
      if (open >= 0 && glued_before && !word_after && t_.Raw(t_.tokens[open]) == r) {
        const char bits = r == "~" ? (kStruck | kStruckSingle) : kStruck;
        for (int k = open + 1; k < i; ++k) consumed_[k] |= bits;
        open = -1;
        continue;
      }
      if (word_after && !word_before) open = i;
    }
  }

  bool Struck(int first, int last) const {
    for (int k = first; k < last; ++k) {
      if (consumed_[k] & kStruck) return true;
    }
    return false;
  }

  // Digits struck through one by one ("4̶0̶0̶0̶", "4̶,̶0̶0̶0̶"): copies them into `buf` and returns the
  // last token of the struck amount, or -1 when number token `i` is not struck that way.
  int ReadCombiningStrike(int i, std::array<char, 32>* buf, std::size_t* len) const {
    *len = 0;
    int k = i;
    int last = -1;
    while (k + 1 < line_last_) {
      const Token& d = t_.tokens[k];
      const Token& mark = t_.tokens[k + 1];
      const bool first = k == i;
      const bool digit = d.kind == TokenKind::kNumber && OnlyDigits(t_.Raw(d));
      const bool group = !first && (t_.Punct(d) == ',' || t_.Punct(d) == '.');
      if (!(digit || group) || (!first && d.space_before) || mark.space_before ||
          !IsCombiningStrike(t_.Raw(mark))) {
        break;
      }
      const std::string_view raw = t_.Raw(d);
      if (*len + raw.size() > buf->size()) return -1;
      for (char c : raw) (*buf)[(*len)++] = c;
      last = k + 1;
      k += 2;
    }
    if (last < 0 || *len < 2 || !IsDigit((*buf)[*len - 1])) return -1;
    return last;
  }

  // Whether a currency mark ends at token `p` ("Ksh", "$", "Ksh." "Sh:"); the amount follows it.
  bool MarkEndsAt(int p) const {
    if (p < line_first_) return false;
    const Token& pt = t_.tokens[p];
    if (pt.kind == TokenKind::kCurrency) return !MarkCurrency(t_.Raw(pt), store_).empty();
    if (pt.kind == TokenKind::kWord) {
      // "N203 500": a mark written only glued to the digits ("N") counts when glued.
      const bool glued = p + 1 < line_last_ && !t_.tokens[p + 1].space_before &&
                         (CaptionMarkPlaces(t_.Word(pt)) & kMarkGlued) != 0;
      return IsCurrencyPrefix(t_.Word(pt)) || (glued && !MarkCurrency(t_.Raw(pt), store_).empty());
    }
    if ((t_.Punct(pt) == '.' || t_.Punct(pt) == ':') && p - 1 >= line_first_) {
      return IsWord(t_, p - 1) && IsCurrencyPrefix(t_.Word(t_.tokens[p - 1]));
    }
    return false;
  }

  // Whether a currency mark starts at token `k` right after an amount ("/=", "/-", "Frw", "bob").
  bool MarkStartsAt(int k) const {
    if (k < 0 || k >= line_last_) return false;
    const Token& nt = t_.tokens[k];
    if (t_.Punct(nt) == '/' && !nt.space_before && k + 1 < line_last_ &&
        !t_.tokens[k + 1].space_before &&
        (t_.Punct(t_.tokens[k + 1]) == '=' || t_.Punct(t_.tokens[k + 1]) == '-')) {
      return true;
    }
    if (nt.kind == TokenKind::kCurrency) return !MarkCurrency(t_.Raw(nt), store_).empty();
    return nt.kind == TokenKind::kWord && IsCurrencySuffix(t_.Word(nt));
  }

  // The number token that continues number token `k` as its next digit group: one space (any width:
  // NBSP, narrow NBSP, thin) or a typographic apostrophe between, three digits after (the last
  // group may carry decimals: "3 200.50"). -1 when none. `*gap` is the separator, which must not
  // change within a number.
  int NextGroup(int k, std::string_view* gap) const {
    const Token& a = t_.tokens[k];
    int j = k + 1;
    if (j >= line_last_) return -1;
    if (!t_.tokens[j].space_before && t_.Raw(t_.tokens[j]) == "\xE2\x80\x99") ++j;  // 1’500
    if (j >= line_last_ || t_.tokens[j].kind != TokenKind::kNumber) return -1;
    const Token& b = t_.tokens[j];
    const std::string_view between = t_.raw.substr(a.end, b.begin - a.end);
    const bool space =
        !between.empty() && between[0] != '\t' && SpaceAt(between, 0) == between.size();
    if (!space && j == k + 1) return -1;
    if (j == k + 2 && b.space_before) return -1;
    const std::string_view g = t_.Raw(b);
    const bool plain = g.size() == 3 && OnlyDigits(g);
    const bool decimals = g.size() >= 5 && g.size() <= 6 && OnlyDigits(g.substr(0, 3)) &&
                          (g[3] == '.' || g[3] == ',') && OnlyDigits(g.substr(4));
    if (!plain && !decimals) return -1;
    *gap = between;
    return j;
  }

  // Digit groups written with spaces ("Ksh 3 200", "12 500 Frw", "TSh 45 000/="): the last token of
  // the amount that starts at number token `i`, or `i` when it stands alone. One grammar for every
  // currency: a head of 1-3 digits, then groups of exactly three with one separator throughout.
  // Spaces also separate numbers ("Sizes 38 40 42", "2 pcs 500", "Prices 500 700 900"), so the
  // groups join only when a currency mark stands on either side; or, with a price cue before
  // (Price:, bei, now, was, @, a list dash) or nothing but item words before and the line's end
  // after, when the reading cannot be two numbers: one group after a head of one or two digits, or
  // a group that starts with 0 (no price is written "000" or "050"). Sets `*risky` for the cue-less
  // reading.
  int GroupRun(int i, bool* risky) const {
    const std::string_view head = t_.Raw(t_.tokens[i]);
    if (!OnlyDigits(head) || head.size() > 3 || head[0] == '0') return i;
    int last = i, groups = 0;
    std::string_view sep;
    for (;;) {
      std::string_view gap;
      const int j = NextGroup(last, &gap);
      if (j < 0 || (consumed_[j] & kTaken) || (!sep.empty() && gap != sep)) break;
      last = j;
      sep = gap;
      ++groups;
      if (t_.Raw(t_.tokens[j]).size() > 3) break;  // decimals end the number
    }
    if (groups == 0) return i;
    // "2 500ml", "3 128GB": a unit glued to the last group makes it a measure.
    if (last + 1 < line_last_ && !t_.tokens[last + 1].space_before && IsWord(t_, last + 1) &&
        !IsCurrencySuffix(t_.Word(t_.tokens[last + 1]))) {
      return i;
    }
    // Groups joined by a thin or narrow space or a typographic apostrophe are rare in captions (a
    // pasted amount, or two numbers): read, but risky.
    const bool unusual = sep != " " && sep != "\xC2\xA0";
    auto joined = [&] {
      if (unusual) *risky = true;
      return last;
    };
    const int p = Prev(t_, i, line_first_);
    if (MarkEndsAt(p)) return joined();
    if (MarkStartsAt(last + 1)) {
      // "Tecno Spark 20 112 USD": a short head after a name of two words may be the model's number
      // ("Ladies Shoes 3 500 Frw" is one amount): read, but risky.
      if (groups == 1 && head.size() <= 2 && IsWord(t_, p) && t_.tokens[p].upper_initial &&
          IsWord(t_, Prev(t_, p, line_first_))) {
        *risky = true;
      }
      return joined();
    }
    // A group that starts with 0 is no number of its own ("3 000 500", "1 050 000").
    bool zero_group = false;
    for (int k = i + 1; k <= last; ++k) zero_group = zero_group || t_.Raw(t_.tokens[k])[0] == '0';
    if (!((groups == 1 && head.size() <= 2) || zero_group)) return i;
    const int a = Next(t_, last, line_last_);
    // "2 500 ml", "1 500 pcs": a unit after the groups.
    if (IsWord(t_, a) && IsUnitWord(t_.Word(t_.tokens[a]))) return i;
    const HashedWord pw = IsWord(t_, p) ? t_.Word(t_.tokens[p]) : HashedWord("");
    const char pp = PunctAt(t_, p);
    // A range's second end ("6 500 - 9 000", "from 45 000 to 35 000") is as sure as its first.
    const bool range_end = (pw.text == "to" || pw.text == "hadi" || pw.text == "mpaka" ||
                            (p >= 0 && IsDash(t_, t_.tokens[p]))) &&
                           IsNumber(t_, Prev(t_, p, line_first_));
    const bool instead_of = pw.text == "of" && IsWord(t_, Prev(t_, p, line_first_)) &&
                            t_.Lower(t_.tokens[Prev(t_, p, line_first_)]) == "instead";
    const bool cue_before =
        range_end || instead_of ||
        (IsWord(t_, p) && (PriceCuesBefore().Contains(pw) || OldCues().Contains(pw))) ||
        pp == ':' || pp == '=' || pp == '@' ||
        (p >= 0 && IsDash(t_, t_.tokens[p]) && t_.tokens[i].space_before);
    const bool cue_after = IsWord(t_, a) && PriceCuesAfter().Contains(t_.Word(t_.tokens[a]));
    if (cue_before || cue_after) return joined();
    // No cue: the groups join unless what stands before the head makes it a number of its own: a
    // count, size, model, account, fee or month word ("pack of 3 500", "iPhone 13 128", "Form 4
    // 100"), another number ("Size 42 3 500"), or a mark that binds it ("8+", "x", "#", "/").
    if (IsNumber(t_, p)) return i;
    // A unit that is a number's before it ("Sukari 5 kg 25 000") binds nothing after it.
    const bool unit_of_number_before =
        IsWord(t_, p) && IsUnitWord(pw) && IsNumber(t_, Prev(t_, p, line_first_));
    if (IsWord(t_, p) && !unit_of_number_before &&
        (t_.tokens[p].has_digit || ModelWords().Contains(pw) ||
         QuantityWordsBefore().Contains(pw) || (SizeWords().Contains(pw) && !OptionSizeLabel(p)) ||
         AccountWords().Contains(pw) || IsUnitWord(pw) || FeeWords().Contains(pw) ||
         MonthWords().Contains(pw) || BundleWords().Contains(pw) || pw.text == "for" ||
         pw.text == "x")) {
      return i;
    }
    if (pp == '+' || pp == '/' || pp == '#' || pp == '.' || pp == ',' || pp == '*' || pp == '\'' ||
        pp == '"' || pp == '%' || pp == '&' || (p >= 0 && IsDash(t_, t_.tokens[p]))) {
      return i;
    }
    *risky = true;
    return last;
  }

  void AddSwahili(int first, int last, double value, uint32_t li) {
    Money m;
    m.begin = t_.tokens[first].begin;
    m.end = t_.tokens[last - 1].end;
    m.first_token = static_cast<uint32_t>(first);
    m.last_token = static_cast<uint32_t>(last);
    m.line = li;
    m.amount = value;
    m.currency = store_;
    m.role = MoneyRole::kPrice;
    m.strength = 2;
    int p = Prev(t_, first, line_first_);
    for (int k = 0; k < 3 && p >= 0; ++k) {
      if (IsWord(t_, p) && PriceCuesBefore().Contains(t_.Word(t_.tokens[p]))) m.strength = 3;
      if (IsWord(t_, p) && OldCues().Contains(t_.Word(t_.tokens[p]))) m.role = MoneyRole::kOldPrice;
      p = Prev(t_, p, line_first_);
    }
    if (InFeeClause(first)) {
      m.role = MoneyRole::kNotPrice;
      m.reason = NotPriceReason::kFee;
    }
    for (int k = first; k < last; ++k) consumed_[k] |= kTaken;
    out_.push_back(std::move(m));
  }

  // True when a fee word precedes token `i` in its clause with no price cue in between ("Delivery
  // within Nairobi 200", "Kshs 1,200 (delivery 100)", "orders over $60").
  bool InFeeClause(int i) {
    // A clause is short: looking back a bounded distance keeps long lines linear.
    const int stop = std::max(line_first_, i - kClauseWindow);
    for (int k = i - 1; k >= stop; --k) {
      const Token& tok = t_.tokens[k];
      char p = t_.Punct(tok);
      if (p == '.' || p == '!' || p == '|' || p == ';' || p == '?') {
        // A '.' inside "Ksh. 2,500" or "no." is no sentence end; one before a space is.
        if (p != '.' || k + 1 >= line_last_ || t_.tokens[k + 1].space_before) return false;
      }
      if (tok.kind != TokenKind::kWord) continue;
      std::string_view w = t_.Lower(tok);
      if (FeeWords().Contains(t_.Word(tok))) return true;
      if (w == "price" || w == "bei" || w == "prices" || w == "now" || w == "sasa" || w == "was" ||
          w == "cost") {
        return false;
      }
    }
    return false;
  }

  void AddNumber(int i, uint32_t li) {
    const Token& tok = t_.tokens[i];
    std::string_view raw = t_.Raw(tok);
    // The amount's last token: the digits struck one by one ("4̶0̶0̶0̶"), or the last of its digit
    // groups ("3 200"), or the number token itself.
    std::array<char, 32> struck_digits;
    std::size_t struck_length = 0;
    bool risky = false;
    int last = ReadCombiningStrike(i, &struck_digits, &struck_length);
    const bool combining_strike = last >= 0;
    if (combining_strike) {
      raw = std::string_view(struck_digits.data(), struck_length);
    } else {
      last = GroupRun(i, &risky);
      raw = t_.raw.substr(tok.begin, t_.tokens[last].end - tok.begin);
    }
    const bool space_grouped = !combining_strike && last > i;
    for (int k = i + 1; k <= last; ++k) consumed_[k] |= kTaken;
    Money m;
    m.line = li;
    m.first_token = static_cast<uint32_t>(i);
    m.last_token = static_cast<uint32_t>(last + 1);
    m.begin = tok.begin;
    m.end = t_.tokens[last].end;
    m.risky = risky;
    std::optional<double> v = ParseNumber(raw);
    if (!v || !(*v > 0))
      return;  // "0", ".00": nothing is sold for zero (a catalog price is positive)
    m.amount = *v;
    m.role = MoneyRole::kPrice;
    const bool grouped = space_grouped || HasGroupingOrMultiplier(raw);

    auto reject = [&](NotPriceReason r) {
      m.role = MoneyRole::kNotPrice;
      m.reason = r;
      out_.push_back(m);
    };

    // The currency mark before ("Ksh 2,500", "₦18,500", "Ksh. 2,500", "N25k") or after ("68,000
    // ksh", "1,500/=", "20 bob").
    std::string currency;
    int p = Prev(t_, i, line_first_);
    int before = p;
    if (p >= 0) {
      const Token& pt = t_.tokens[p];
      int mark = -1;
      if (pt.kind == TokenKind::kCurrency) {
        mark = p;
      } else if (pt.kind == TokenKind::kWord && IsCurrencyPrefix(t_.Word(pt))) {
        mark = p;
      } else if (pt.kind == TokenKind::kWord && t_.Raw(pt) == "N" && !tok.space_before) {
        mark = p;
      } else if ((t_.Punct(pt) == '.' || t_.Punct(pt) == ':') && p - 1 >= line_first_) {
        const Token& pp = t_.tokens[p - 1];
        if (pp.kind == TokenKind::kWord && IsCurrencyPrefix(t_.Word(pp))) mark = p - 1;
      }
      // A mark that closed the amount before ("9,500 Ksh → 7,999") is that amount's.
      if (mark >= 0 && !out_.empty() && out_.back().line == li &&
          out_.back().last_token > static_cast<uint32_t>(mark)) {
        mark = -1;
      }
      if (mark >= 0) {
        currency = MarkCurrency(t_.Raw(t_.tokens[mark]), store_);
        if (currency.empty() && t_.tokens[mark].kind == TokenKind::kWord) {
          currency = MarkCurrency(t_.Lower(t_.tokens[mark]), store_);
        }
        if (!currency.empty()) {
          m.begin = t_.tokens[mark].begin;
          m.first_token = static_cast<uint32_t>(mark);
          before = Prev(t_, mark, line_first_);
        }
      }
    }
    int nx = last + 1 < line_last_ ? last + 1 : -1;
    int after = nx;
    if (nx >= 0) {
      const Token& nt = t_.tokens[nx];
      if (t_.Punct(nt) == '/' && !nt.space_before && nx + 1 < line_last_ &&
          !t_.tokens[nx + 1].space_before &&
          (t_.Punct(t_.tokens[nx + 1]) == '=' || t_.Punct(t_.tokens[nx + 1]) == '-')) {
        // "/=" and "/-" say "whole units of the local money": the store's currency, unless a
        // currency word follows ("65,000/= RWF", "45,000/= TSh").
        const int word = nx + 2 < line_last_ ? nx + 2 : -1;
        std::string named;
        if (IsWord(t_, word) && IsCurrencySuffix(t_.Word(t_.tokens[word]))) {
          named = MarkCurrency(t_.Lower(t_.tokens[word]), store_);
        }
        if (currency.empty()) currency = named.empty() ? store_ : named;
        m.end = t_.tokens[nx + 1].end;
        m.last_token = static_cast<uint32_t>(nx + 2);
        if (!named.empty()) {
          m.end = t_.tokens[word].end;
          m.last_token = static_cast<uint32_t>(word + 1);
        }
        after = static_cast<int>(m.last_token) < line_last_ ? static_cast<int>(m.last_token) : -1;
        m.strength = 3;
      } else if (nt.kind == TokenKind::kWord && IsCurrencySuffix(t_.Word(nt)) &&
                 !MarkLeadsAnAmount(nx, *v)) {
        std::string c = MarkCurrency(t_.Lower(nt), store_);
        if (currency.empty() && !c.empty()) currency = c;
        if (!c.empty()) {
          m.end = nt.end;
          m.last_token = static_cast<uint32_t>(nx + 1);
          after = nx + 1 < line_last_ ? nx + 1 : -1;
        }
      }
    }
    if (after >= 0 && t_.tokens[after].kind == TokenKind::kEmoji)
      after = Next(t_, after, line_last_);
    m.explicit_currency = !currency.empty();
    m.currency = currency.empty() ? store_ : currency;

    // "SB-2012", "T-800": a number glued by a hyphen to a word is part of a model name. No model
    // is written with an en or em dash: "Mishkaki–1000" is a menu row.
    const bool glued_dash = before >= 0 && PunctAt(t_, before) == '-' &&
                            !t_.tokens[before].space_before && !tok.space_before;
    if (glued_dash && !m.explicit_currency && IsWord(t_, before - 1)) {
      return reject(NotPriceReason::kModel);
    }
    const bool glued_dash_before = before >= 0 && IsDash(t_, t_.tokens[before]) &&
                                   !t_.tokens[before].space_before && !tok.space_before;
    // Six or more bare digits with no grouping are an account or till number ("5544332").
    // ("Bei: 150000" and "Price 1500000" keep their cue and stay prices.)
    if (!m.explicit_currency && !combining_strike && OnlyDigits(raw) && raw.size() >= 6) {
      int c = before;
      if (PunctAt(t_, c) == ':') c = Prev(t_, c, line_first_);
      bool cued =
          IsWord(t_, c) && (t_.Lower(t_.tokens[c]) == "price" || t_.Lower(t_.tokens[c]) == "bei" ||
                            t_.Lower(t_.tokens[c]) == "now" || t_.Lower(t_.tokens[c]) == "sasa" ||
                            t_.Lower(t_.tokens[c]) == "ni");
      cued = cued || PunctAt(t_, before) == '@';
      // A list dash or a range: "Weight bench - 450000", "from 115000 to 108000", "was 150000".
      const std::string_view bw = IsWord(t_, before) ? t_.Lower(t_.tokens[before]) : "";
      cued = cued || (before >= 0 && IsDash(t_, t_.tokens[before]) && !glued_dash_before) ||
             bw == "from" || bw == "was" || bw == "kabla" || bw == "kuanzia" ||
             ((bw == "to" || bw == "hadi" || bw == "mpaka") &&
              IsNumber(t_, Prev(t_, before, line_first_)));
      // Seven digits at most ending a line of item words ("Weight bench 450000"): a price, but
      // a till number looks the same, so the reading is risky.
      const bool item_line_end = raw.size() <= 7 && IsWord(t_, before) &&
                                 !t_.tokens[before].has_digit &&
                                 !ModelWords().Contains(t_.Word(t_.tokens[before])) &&
                                 Next(t_, last, line_last_) < 0 && !AccountWordBefore(i);
      if (!cued && item_line_end) m.risky = true;
      if (!cued && !item_line_end) return reject(NotPriceReason::kPhone);
    }
    // "1.5m cable", "2.5m long": a lower-case m is metres unless money is being spoken of.
    if (!m.explicit_currency && raw.size() > 1 && raw.back() == 'm' && IsWord(t_, nx) &&
        !PriceCuesAfter().Contains(t_.Word(t_.tokens[nx])) && !PriceCueBefore(before)) {
      return reject(NotPriceReason::kUnit);
    }
    // "4K UHD", "55\" 4K": a resolution, not 4,000.
    if ((raw == "4K" || raw == "8K" || raw == "4k" || raw == "8k") && !m.explicit_currency) {
      int a = Next(t_, i, line_last_);
      int b = Prev(t_, i, line_first_);
      bool screen_after =
          IsWord(t_, a) &&
          (t_.Lower(t_.tokens[a]) == "uhd" || t_.Lower(t_.tokens[a]) == "hdr" ||
           t_.Lower(t_.tokens[a]) == "tv" || t_.Lower(t_.tokens[a]) == "smart" ||
           t_.Lower(t_.tokens[a]) == "video" || t_.Lower(t_.tokens[a]) == "display" ||
           t_.Lower(t_.tokens[a]) == "ultra");
      bool screen_before =
          b >= 0 &&
          (t_.Punct(t_.tokens[b]) == '"' || t_.Punct(t_.tokens[b]) == ',' ||
           (IsWord(t_, b) && (t_.tokens[b].upper_initial || t_.Lower(t_.tokens[b]) == "inch")));
      if (screen_after || screen_before) return reject(NotPriceReason::kUnit);
    }
    // Glued suffixes: "128GB", "8pm", "24th", "40i", "250D", "13x4", "3pc".
    if (nx >= 0 && t_.tokens[nx].kind == TokenKind::kWord && !t_.tokens[nx].space_before &&
        m.last_token == static_cast<uint32_t>(last + 1)) {
      return reject(NotPriceReason::kUnit);
    }
    // USSD codes: "*182*8*1*042211#", "*150*00#" (digits glued between '*' and '*' or '#').
    if (PunctAt(t_, i - 1) == '*' && i - 1 >= line_first_ && !tok.space_before && nx >= 0 &&
        !t_.tokens[nx].space_before && (PunctAt(t_, nx) == '*' || PunctAt(t_, nx) == '#')) {
      return reject(NotPriceReason::kPhone);
    }
    // RAM and storage: "8+128", "4+64GB" (a number glued to '+' glued to a number, either side).
    char np = PunctAt(t_, nx);
    if (np == '+' && !t_.tokens[nx].space_before && IsNumber(t_, nx + 1) &&
        !t_.tokens[nx + 1].space_before) {
      return reject(NotPriceReason::kUnit);
    }
    if (PunctAt(t_, i - 1) == '+' && i - 1 > line_first_ && !tok.space_before &&
        !t_.tokens[i - 1].space_before && IsNumber(t_, i - 2)) {
      return reject(NotPriceReason::kUnit);
    }
    // Add-ons: "+$10", "+ 500 for a topper".
    int plus = static_cast<int>(m.first_token) - 1;
    // (With a mark or on its own: "+ 2 pillowcases" is a count, left to the quantity rules.)
    if (plus >= line_first_ && t_.Punct(t_.tokens[plus]) == '+' &&
        (m.explicit_currency ||
         !IsWord(t_, Next(t_, static_cast<int>(m.last_token) - 1, line_last_)))) {
      return reject(NotPriceReason::kFee);
    }
    // "HP 250-G8", "Redmi 13-C": a bare number hyphenated to a word with a digit or a single
    // letter names a model.
    if (!m.explicit_currency && PunctAt(t_, nx) == '-' && !t_.tokens[nx].space_before &&
        IsWord(t_, nx + 1) && !t_.tokens[nx + 1].space_before &&
        (t_.tokens[nx + 1].has_digit || t_.tokens[nx + 1].end - t_.tokens[nx + 1].begin == 1)) {
      return reject(NotPriceReason::kModel);
    }
    // "90-day warranty", "2-year", "3-piece": a number hyphenated to a unit.
    if (PunctAt(t_, nx) == '-' && !t_.tokens[nx].space_before && IsWord(t_, nx + 1) &&
        !t_.tokens[nx + 1].space_before && IsUnitWord(t_.Word(t_.tokens[nx + 1]))) {
      return reject(NotPriceReason::kUnit);
    }
    // Percentages, times (8:00), fractions and specs (4/64, 9/10, 24/7), multiplications (6x6).
    // 43" (inches) and 6' (feet) are measures.
    if ((np == '"' || np == '\'') && !t_.tokens[nx].space_before)
      return reject(NotPriceReason::kUnit);
    if (np == '%' || (np == ':' && !t_.tokens[nx].space_before && IsNumber(t_, nx + 1) &&
                      !t_.tokens[nx + 1].space_before)) {
      return reject(NotPriceReason::kUnit);
    }
    if (np == '/' && m.last_token == static_cast<uint32_t>(last + 1) && IsNumber(t_, nx + 1)) {
      return reject(NotPriceReason::kUnit);
    }
    if (np == '+' && IsWord(t_, nx + 1) && IsUnitWord(t_.Word(t_.tokens[nx + 1]))) {
      return reject(NotPriceReason::kUnit);
    }
    int pv = i - 1 >= line_first_ ? i - 1 : -1;
    if (PunctAt(t_, pv) == '/' && !tok.space_before && IsNumber(t_, pv - 1)) {
      return reject(NotPriceReason::kUnit);
    }
    if (PunctAt(t_, pv) == ':' && !tok.space_before && IsNumber(t_, pv - 1) &&
        !t_.tokens[pv].space_before) {
      return reject(NotPriceReason::kUnit);
    }
    if (IsWord(t_, pv) && !tok.space_before && !m.explicit_currency &&
        m.first_token == static_cast<uint32_t>(i)) {
      // Digits glued after letters that are no currency mark ("x4" is split as word "x4", but "S/M"
      // etc. never reach here); treat as a spec.
      std::string_view w = t_.Lower(t_.tokens[pv]);
      if (w == "x") return reject(NotPriceReason::kUnit);
    }
    if (after >= 0 && t_.tokens[after].kind == TokenKind::kWord) {
      std::string_view w = t_.Lower(t_.tokens[after]);
      if (w == "x" || (w.size() > 1 && w[0] == 'x' && w[1] >= '0' && w[1] <= '9')) {
        return reject(NotPriceReason::kUnit);
      }
    }
    if (before >= 0 && t_.tokens[before].kind == TokenKind::kWord &&
        t_.Lower(t_.tokens[before]) == "x" && !m.explicit_currency) {
      return reject(NotPriceReason::kUnit);
    }

    // Sizes were marked by MarkSizeLists; a size-like number right after "UK"/"EU" too.
    if (consumed_[i] & kTaken) return reject(NotPriceReason::kSize);

    // Context before: till/phone, size, quantity, fee, bundle words.
    if (!m.explicit_currency) {
      int q = before;
      for (int k = 0; k < 2 && q >= 0; ++k) {
        const Token& qt = t_.tokens[q];
        if (qt.kind == TokenKind::kWord && AccountWords().Contains(t_.Word(qt))) {
          return reject(NotPriceReason::kPhone);
        }
        char qp = t_.Punct(qt);
        if (qp != ':' && qp != '.' && qp != '#' && qt.kind != TokenKind::kWord) break;
        if (qt.kind == TokenKind::kWord && t_.Lower(qt) != "no" && t_.Lower(qt) != "number" &&
            t_.Lower(qt) != "pay" && t_.Lower(qt) != "till" && t_.Lower(qt) != "na") {
          break;
        }
        q = Prev(t_, q, line_first_);
      }
    }
    if (IsWord(t_, before)) {
      std::string_view w = t_.Lower(t_.tokens[before]);
      const HashedWord word = t_.Word(t_.tokens[before]);
      // "instead of 3,500" is an old price, not a quantity.
      const bool instead_of = w == "of" && IsWord(t_, Prev(t_, before, line_first_)) &&
                              t_.Lower(t_.tokens[Prev(t_, before, line_first_)]) == "instead";
      // "Kilo 5 - 1 200", "Gramu 250": a unit before a number makes it a quantity, unless the unit
      // is a number's or a fraction's before it ("Flask 1.8 litres 35k", "Asali 1 kilo 350",
      // "Nusu kilo 350", "Robo kilo 80": half and quarter are how much of it the amount buys).
      const int unit_count = Prev(t_, before, line_first_);
      const bool unit_of_number_before =
          IsQuantityUnit(word) &&
          (IsNumber(t_, unit_count) ||
           (IsWord(t_, unit_count) && FractionWords().Contains(t_.Word(t_.tokens[unit_count]))));
      if (!m.explicit_currency && !instead_of && !unit_of_number_before &&
          (QuantityWordsBefore().Contains(word) || IsQuantityUnit(word))) {
        return reject(NotPriceReason::kQuantity);
      }
      if (MonthWords().Contains(word) && !m.explicit_currency) return reject(NotPriceReason::kUnit);
      // No clothing or shoe size runs to 1,000, and "Small size", "Family size" name an option:
      // "Small size 1,500" prices the small one.
      if ((w == "size" || w == "sizes" || w == "uk" || w == "eu") && !m.explicit_currency &&
          m.amount < 1000 && !OptionSizeLabel(before)) {
        return reject(NotPriceReason::kSize);
      }
    }
    if (after >= 0 && t_.tokens[after].kind == TokenKind::kWord) {
      std::string_view w = t_.Lower(t_.tokens[after]);
      const HashedWord word = t_.Word(t_.tokens[after]);
      if (!m.explicit_currency && !HasMultiplier(raw) && IsUnitWord(word)) {
        return reject(NotPriceReason::kUnit);
      }
      if (MonthWords().Contains(word) && !m.explicit_currency) return reject(NotPriceReason::kUnit);
      if (w == "followers" || w == "likes" || w == "views" || w == "subscribers") {
        return reject(NotPriceReason::kQuantity);
      }
      if (FeeWordsAfter().Contains(word)) {
        int a2 = Next(t_, after, line_last_);
        bool included = IsWord(t_, a2) && (t_.Lower(t_.tokens[a2]) == "included" ||
                                           t_.Lower(t_.tokens[a2]) == "inclusive" ||
                                           t_.Lower(t_.tokens[a2]) == "incl");
        if (!included) return reject(NotPriceReason::kFee);
      }
    }
    if (InFeeClause(static_cast<int>(m.first_token))) return reject(NotPriceReason::kFee);
    // Bundles: "2 for 80,000", "any 2 @ 900", "mbili kwa 1000", "jozi mbili 1500", "pair ni 800",
    // "set of 3 - 2k", "dozen 3,000", "Wholesale:". "1 for 900" is the unit price itself.
    // "any 2 @ $25": the number after "any" is the count of a bundle.
    if (!m.explicit_currency && IsWord(t_, before) && t_.Lower(t_.tokens[before]) == "any") {
      return reject(NotPriceReason::kQuantity);
    }
    switch (BundleBefore(before)) {
      case BundleRead::kBundle:
        return reject(NotPriceReason::kBundle);
      case BundleRead::kOne:
        m.strength = 3;
        break;
      case BundleRead::kNone:
        break;
    }
    for (int k = static_cast<int>(m.first_token) - 1;
         k >= std::max(line_first_, static_cast<int>(m.first_token) - kClauseWindow); --k) {
      const Token& bt = t_.tokens[k];
      if (bt.kind == TokenKind::kWord && BundleWords().Contains(t_.Word(bt))) {
        return reject(NotPriceReason::kBundle);
      }
    }
    // Years: 1990-2039 written bare.
    if (!m.explicit_currency && !combining_strike && OnlyDigits(raw) && raw.size() == 4 &&
        m.amount >= 1990 && m.amount <= 2039) {
      // After a row's dash, colon, '=' or '@' it is the row's price ("Ml 250 = 2000").
      bool dash_before = before >= 0 && ((IsDash(t_, t_.tokens[before]) && !glued_dash) ||
                                         PunctAt(t_, before) == ':' || PunctAt(t_, before) == '=' ||
                                         PunctAt(t_, before) == '@');
      // "2008 model", "2019 edition": a year whatever stands before it.
      const bool year_word_after = IsWord(t_, nx) && (t_.Lower(t_.tokens[nx]) == "model" ||
                                                      t_.Lower(t_.tokens[nx]) == "edition" ||
                                                      t_.Lower(t_.tokens[nx]) == "version");
      if (!dash_before || year_word_after) return reject(NotPriceReason::kYear);
    }

    // Cues and strength.
    int strength = std::max(m.strength, m.explicit_currency ? 3 : 1);
    bool old = false;
    bool now_cue = false;
    bool cue_before = false;
    {
      int q = before;
      for (int k = 0; k < 4 && q >= 0; ++k) {
        const Token& qt = t_.tokens[q];
        if (qt.kind == TokenKind::kNumber) break;
        if (qt.kind == TokenKind::kWord) {
          std::string_view w = t_.Lower(qt);
          const HashedWord word = t_.Word(qt);
          if (OldCues().Contains(word) && !now_cue) {
            old = true;
            break;
          }
          if (w == "now" || w == "sasa") now_cue = true;
          // "Original price 25k", "old price 3,000": the price cue names an old price.
          if (w == "price" && !now_cue) {
            int pq = Prev(t_, q, line_first_);
            if (IsWord(t_, pq) && OldPriceQualifiers().Contains(t_.Word(t_.tokens[pq]))) {
              old = true;
              break;
            }
          }
          if (PriceCuesBefore().Contains(word) && k <= 2) {
            strength = 3;
            // Prepositions ("for 2", "at 8") do not make a tiny number a price.
            cue_before = w != "for" && w != "at" && w != "from" && w != "kwa";
          } else if (w != "ya" && w != "ni" && w != "is" && w != "the" && w != "our" &&
                     w != "new" && w != "special" && w != "of") {
            break;  // another word between: "Direct from Dubai iPhone 16" is no cue for 16
          }
        } else if (t_.Punct(qt) == '@') {
          strength = 3;
          cue_before = true;
        }
        q = Prev(t_, q, line_first_);
      }
    }
    if (after >= 0) {
      const Token& at = t_.tokens[after];
      if (at.kind == TokenKind::kWord && PriceCuesAfter().Contains(t_.Word(at))) {
        std::string_view w = t_.Lower(at);
        if (w != "and" && w != "na" && w != "to" && w != "hadi" && w != "mpaka" && w != "a") {
          strength = 3;
        }
      }
    }
    // Struck through: "~~4,000~~", "~UGX 60,000~", "4̶0̶0̶0̶".
    if (combining_strike ||
        Struck(static_cast<int>(m.first_token), static_cast<int>(m.last_token))) {
      old = true;
      for (uint32_t k = m.first_token; k < m.last_token; ++k) {
        if (consumed_[k] & kStruckSingle) m.risky = true;
      }
    }
    if (strength < 3) {
      // (A dot leader is a row's separator too: "Chapati ....... 20".)
      bool list_cue =
          before >= 0 &&
          ((IsDash(t_, t_.tokens[before]) && !glued_dash) || PunctAt(t_, before) == ':' ||
           PunctAt(t_, before) == '=' ||
           (PunctAt(t_, before) != '@' && RowSeparatorStart(t_, before, line_first_) >= 0));
      if (list_cue || HasMultiplier(raw)) strength = 2;
    }
    // A bare number after a capitalised or model word reads as part of the name ("Air Max 90",
    // "Latitude 7490", "iPhone 12").
    if (strength == 1 && IsWord(t_, before) && !grouped && m.amount < 10000) {
      const Token& bt = t_.tokens[before];
      // A model number follows a name of two words or more ("Dell Latitude 7490"); "Anklet 350"
      // at the start of a list line is an item and its price.
      int b2 = Prev(t_, before, line_first_);
      bool named = IsWord(t_, b2);
      // In a caption written in capitals ("BANANA BREAD LOAF 650") a capital says nothing.
      const bool capital = bt.upper_initial && !(AllCaps(t_.Raw(bt)) && ShoutedCaption());
      if (((capital || bt.has_digit) && named) || ModelWords().Contains(t_.Word(bt))) {
        strength = 0;
      }
    }
    // A bare version number after a word: "USB 3.0", "Bluetooth 5.0", "Android 8.1" (one or two
    // digits, a dot, one digit).
    if (strength == 1 && IsWord(t_, before) && raw.size() >= 3 && raw.size() <= 4 &&
        raw[raw.size() - 2] == '.' && IsDigit(raw.back()) &&
        OnlyDigits(raw.substr(0, raw.size() - 2))) {
      strength = 0;
    }
    // A bare number ending a line of item words is that line's price ("Hoop earrings 450").
    if (strength == 1 && IsWord(t_, before) &&
        Next(t_, static_cast<int>(m.last_token) - 1, line_last_) < 0) {
      strength = 2;
    }
    // A bare small number is no price in a shilling store ("3 in 1", "Form 3").
    if (!m.explicit_currency && !cue_before && m.amount < SmallestBarePrice(store_)) {
      return reject(NotPriceReason::kSmall);
    }
    if (!m.explicit_currency && strength <= 1 && !grouped && after >= 0 &&
        t_.tokens[after].kind == TokenKind::kWord && m.amount < 1000) {
      // "3 piece set", "4 cameras", "top 3 birthday cakes": a bare number before a noun.
      return reject(NotPriceReason::kQuantity);
    }
    m.strength = strength;
    m.role = old ? MoneyRole::kOldPrice : MoneyRole::kPrice;
    m.tiny = m.explicit_currency && m.amount < SmallestBarePrice(m.currency);
    out_.push_back(std::move(m));
  }

  // A caption that prices its item only by the bundle ("Men's socks / 3 pairs for 500") sells at
  // that price: the seller accepts it as the listing's, but a bundle price is fragile (risky).
  void PriceLoneBundles() {
    bool bundle = false;
    for (const Money& m : out_) {
      // (A strength-0 "price" is a number of the item's name: "Tecno Spark 20".)
      if (m.role != MoneyRole::kNotPrice && m.strength > 0) return;
      bundle = bundle || m.reason == NotPriceReason::kBundle;
    }
    if (!bundle) return;
    for (Money& m : out_) {
      if (m.reason != NotPriceReason::kBundle) continue;
      m.role = MoneyRole::kPrice;
      m.reason = NotPriceReason::kNone;
      m.strength = std::max(m.explicit_currency ? 3 : 2, m.strength);
      m.risky = true;
    }
  }

  enum class BundleRead : uint8_t { kNone, kBundle, kOne };

  // How the words right before an amount (ending at token `before`) count what it buys: several
  // units ("3 for 500", "mbili kwa 1000", "any 2 @ 900", "2 pairs for 1,500", "jozi mbili 1500",
  // "pair ni 800", "set of 3 - 2k"), one unit ("1 for 900"), or nothing said. A number before "@"
  // or a dash is a model or a measure as often as a count ("Spark 20 @ 14,500", "30ml @ 800"), so
  // digits count only after "for"/"kwa" or with a pack word; a count word ("mbili", "three") or a
  // pack word ("pair", "jozi") needs a connector or the other.
  BundleRead BundleBefore(int before) const {
    int k = before;
    bool strong = false, connector = false;
    if (IsWord(t_, k) && ConnectorWords().Contains(t_.Word(t_.tokens[k]))) {
      const std::string_view w = t_.Lower(t_.tokens[k]);
      strong = w == "for" || w == "kwa";
      connector = true;
      k = Prev(t_, k, line_first_);
    } else if (PunctAt(t_, k) == '@') {
      connector = true;
      k = Prev(t_, k, line_first_);
    } else if (PunctAt(t_, k) == '=' || PunctAt(t_, k) == ':' ||
               (k >= 0 && IsDash(t_, t_.tokens[k]))) {
      k = Prev(t_, k, line_first_);
    }
    // "5 pieces for", "3 jars for": one noun, written apart, between the count and "for".
    if (strong && IsWord(t_, k) && t_.tokens[k].space_before &&
        !IsBundleWord(t_.Word(t_.tokens[k])) && IsNumber(t_, Prev(t_, k, line_first_))) {
      k = Prev(t_, k, line_first_);
    }
    bool digits = false, count_word = false, pack = false, one = false;
    for (int steps = 0; steps < 4 && k >= 0; ++steps, k = Prev(t_, k, line_first_)) {
      const Token& bt = t_.tokens[k];
      if (bt.kind == TokenKind::kNumber) {
        const std::string_view r = t_.Raw(bt);
        if (!OnlyDigits(r) || r.size() > 2 || digits || count_word || one) break;
        (r == "1" ? one : digits) = true;
        continue;
      }
      if (bt.kind != TokenKind::kWord) break;
      const HashedWord w = t_.Word(bt);
      const int* n = SmallNumberWords().Find(w);
      if (n && *n >= 2 && *n <= 12 && !digits && !count_word) {
        count_word = true;
      } else if (PackWords().Contains(w)) {
        pack = true;
      } else if (t_.Lower(bt) == "of" && IsWord(t_, Prev(t_, k, line_first_)) &&
                 t_.Lower(t_.tokens[Prev(t_, k, line_first_)]) == "set") {
        pack = true;  // "set of 3"
        k = Prev(t_, k, line_first_);
      } else {
        break;
      }
    }
    if (one && strong) return BundleRead::kOne;
    if (digits && (strong || pack)) return BundleRead::kBundle;
    if ((count_word || pack) && (connector || count_word + pack == 2)) return BundleRead::kBundle;
    return BundleRead::kNone;
  }

  // Pairs across mentions: "from 6,500 to 4,999" (old, new), ranges "800 - 2,500" (both prices, the
  // currency and strength of one shared with the other).
  // out_ is in caption order (Run sorted it).
  void ResolvePairs() {
    for (std::size_t k = 0; k + 1 < out_.size(); ++k) {
      Money& a = out_[k];
      Money& b = out_[k + 1];
      if (a.role == MoneyRole::kNotPrice || b.role == MoneyRole::kNotPrice) continue;
      // The old and the new price may stand on two lines ("Ksh 5,000 ❌\nKsh 4,200 ✅"): only
      // marks and cue words are between them then too.
      if (a.role == MoneyRole::kPrice && b.role == MoneyRole::kPrice && a.amount > b.amount &&
          a.strength >= 1 && b.strength >= 1 && b.line <= a.line + 1) {
        bool by_mark = false;
        if (OldNewCueBetween(a, b, &by_mark)) {
          a.role = MoneyRole::kOldPrice;
          a.risky = a.risky || by_mark;
          b.risky = b.risky || by_mark;
          continue;
        }
      }
      if (a.line != b.line) continue;
      // Tokens between a and b.
      int between = static_cast<int>(b.first_token) - static_cast<int>(a.last_token);
      if (between != 1) continue;
      const Token& mid = t_.tokens[a.last_token];
      bool dash = IsDash(t_, mid);
      bool to = mid.kind == TokenKind::kWord &&
                (t_.Lower(mid) == "to" || t_.Lower(mid) == "hadi" || t_.Lower(mid) == "mpaka");
      if (!dash && !to) continue;
      int p = Prev(t_, static_cast<int>(a.first_token), static_cast<int>(t_.lines[a.line].first));
      bool from =
          IsWord(t_, p) && (t_.Lower(t_.tokens[p]) == "from" || t_.Lower(t_.tokens[p]) == "kutoka");
      if (from && to && a.amount > b.amount) {
        a.role = MoneyRole::kOldPrice;
        b.role = MoneyRole::kPrice;
        b.strength = std::max(b.strength, 3);
        continue;
      }
      if (a.amount < b.amount && a.strength >= 1) {
        int s = std::max(a.strength, b.strength);
        a.strength = b.strength = std::max(s, 2);
        if (!a.explicit_currency && b.explicit_currency) a.currency = b.currency;
        if (!b.explicit_currency && a.explicit_currency) b.currency = a.currency;
      }
    }
  }

  // Whether what stands between two prices of a line makes the first the old one: "now"/"sasa"
  // ("₦12,000 now ₦9,500"), a cross after the first ("Ksh 5,000 ❌ Ksh 4,200 ✅") or an arrow
  // ("4,000 → 3,200", "4,000 -> 3,200"), with nothing between but punctuation, emoji and a few
  // price words. `*by_mark` is set when a mark, not a word, tells it.
  bool OldNewCueBetween(const Money& a, const Money& b, bool* by_mark) const {
    const int first = static_cast<int>(a.last_token);
    const int last = static_cast<int>(b.first_token);
    if (last - first > 6) return false;
    bool word_cue = false, mark_cue = false;
    for (int k = first; k < last; ++k) {
      const Token& tok = t_.tokens[k];
      const std::string_view raw = t_.Raw(tok);
      if (tok.kind == TokenKind::kEmoji) {
        if (IsCrossMark(raw) || IsArrowMark(raw)) mark_cue = true;
        continue;
      }
      if (tok.kind == TokenKind::kPunct) {
        const char p = t_.Punct(tok);
        if (p == '>' && k > first &&
            (t_.Punct(t_.tokens[k - 1]) == '-' || t_.Punct(t_.tokens[k - 1]) == '>')) {
          mark_cue = true;  // "->", ">>"
        }
        if (p == '>' || p == '-' || p == ',' || p == '|' || p == '(' || p == ')' || p == '.' ||
            p == '!' || p == ':' || IsDash(t_, tok)) {
          continue;
        }
        return false;
      }
      if (tok.kind != TokenKind::kWord) return false;
      const std::string_view w = t_.Lower(tok);
      if (w == "now" || w == "sasa") {
        word_cue = true;
      } else if (w != "new" && w != "price" && w != "bei" && w != "only" && w != "just" &&
                 w != "ni" && w != "is" && w != "leo" && w != "today" && w != "offer") {
        return false;
      }
    }
    *by_mark = mark_cue && !word_cue;
    return word_cue || mark_cue;
  }

  const Text& t_;
  std::string store_;
  std::vector<char> consumed_;  // bytes, not bits: read for every token
  mutable int shouted_ = -1;    // ShoutedCaption: -1 not known yet
  std::vector<Money> out_;
  int line_first_ = 0;
  int line_last_ = 0;
};

// Below-a-thousand part of a Swahili number: [mia N [na]] [tens [na units] | units].
double ReadBelowThousand(const Text& t, uint32_t* i, uint32_t end, bool* any) {
  double v = 0;
  auto word = [&](uint32_t k) -> std::string_view {
    return k < end && t.tokens[k].kind == TokenKind::kWord ? t.Lower(t.tokens[k])
                                                           : std::string_view();
  };
  if (word(*i) == "mia") {
    ++*i;
    const int* h = SmallNumberWords().Find(word(*i));
    int hundreds = 1;
    if (h && *h < 10) {
      hundreds = *h;
      ++*i;
    }
    v += 100.0 * hundreds;
    *any = true;
    if (word(*i) == "na" && SmallNumberWords().Find(word(*i + 1))) ++*i;
  }
  const int* s = SmallNumberWords().Find(word(*i));
  if (s) {
    v += *s;
    ++*i;
    if (*s >= 10 && word(*i) == "na") {
      const int* u = SmallNumberWords().Find(word(*i + 1));
      if (u && *u < 10) {
        v += *u;
        *i += 2;
      }
    }
  }
  return v;
}

}  // namespace

std::optional<double> ReadSwahiliNumber(const Text& t, uint32_t i, uint32_t line_end,
                                        uint32_t* end) {
  auto word = [&](uint32_t k) -> std::string_view {
    return k < line_end && t.tokens[k].kind == TokenKind::kWord ? t.Lower(t.tokens[k])
                                                                : std::string_view();
  };
  double total = 0;
  bool multiplier = false;
  uint32_t k = i;
  static constexpr std::pair<std::string_view, double> kScales[] = {
      {"milioni", 1e6}, {"laki", 1e5}, {"elfu", 1e3}, {"ngiri", 1e3}, {"thao", 1e3}};
  for (const auto& [name, scale] : kScales) {
    if (word(k) != name) continue;
    ++k;
    double q = 0;
    if (k < line_end && t.tokens[k].kind == TokenKind::kNumber) {
      std::optional<double> n = ParseNumber(t.Raw(t.tokens[k]));
      if (n) {
        q = *n;
        ++k;
      }
    } else {
      bool any = false;
      q = ReadBelowThousand(t, &k, line_end, &any);
    }
    if (q == 0) q = 1;
    total += q * scale;
    multiplier = true;
    if (word(k) == "na" &&
        (word(k + 1) == "mia" || SmallNumberWords().Find(word(k + 1)) || word(k + 1) == "elfu" ||
         word(k + 1) == "ngiri" || word(k + 1) == "laki")) {
      ++k;
    }
  }
  bool any_hundred = false;
  uint32_t before = k;
  double rest = ReadBelowThousand(t, &k, line_end, &any_hundred);
  if (any_hundred) multiplier = true;
  if (!multiplier) return std::nullopt;
  if (k == before && total == 0) return std::nullopt;
  *end = k;
  return total + rest;
}

bool IsMoneyWord(HashedWord w) {
  // One table, built once from the registry and the old-price cues ("regular" also qualifies
  // items: "regular fit").
  static const WordSet k = [] {
    std::vector<std::string_view> words = {
        "was",     "before",   "initially", "originally", "kabla",    "zamani",    "previously",
        "usually", "normally", "ilikuwa",   "instead",    "formerly", "retailing", "badala"};
    CaptionMarkTable().ForEachKey([&](std::string_view mark) { words.push_back(mark); });
    return WordSet(words);
  }();
  return k.Contains(w);
}

bool IsFractionWord(HashedWord w) { return FractionWords().Contains(w); }

bool IsBundleWord(HashedWord w) {
  if (PackWords().Contains(w) || ConnectorWords().Contains(w)) return true;
  const int* n = SmallNumberWords().Find(w);
  return n != nullptr && *n >= 2 && *n <= 12;
}

std::vector<Money> FindMoney(const Text& text, std::string_view store_currency) {
  MoneyFinder finder(text, store_currency);
  return finder.Run();
}

}  // namespace vendly::internal
