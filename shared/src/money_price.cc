// ParsePriceString: the amount and currency of one price string as a web page or a seller writes
// it.
//
// The ideas follow Zyte's price-parser (BSD-3), reimplemented: find the numbers of the text, read
// each with the grouping rules of ParseNumber, then pick the price among them. Our picking rules
// differ: a number next to a currency mark wins over a bare one ("3 issues for 14,85 EUR"), a "now"
// price over a "was" price, and numbers that are percentages, quantities with units, dates or "49+"
// thresholds are no prices at all.
#include <array>
#include <cstddef>
#include <string_view>

#include "money_currency.h"
#include "money_number.h"
#include "money_text.h"
#include "vendly/money.h"

namespace vendly {
namespace internal {
namespace {

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
// and
// ',' as written, ' ' for group spaces and apostrophes, 'D' for a decimal mark that is no '.' or
// ',' (the "€" of "35€99").
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
  // "2.5k", "1.2M": a multiplier glued to the digits and to no further letter.
  if (j < s.size() && n.size > 0 && IsDigit(n.chars[n.size - 1]) &&
      (s[j] == 'k' || s[j] == 'K' || s[j] == 'm' || s[j] == 'M') &&
      !(j + 1 < s.size() && IsAsciiAlpha(s[j + 1]))) {
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

// Words after a number that make it a quantity, not a price ("16.00 ft", "2 Litre", "128GB").
constexpr std::string_view kUnits[] = {
    "ft",     "feet",   "foot",  "inch",   "inches",   "cm",      "mm",    "km",    "kg",
    "g",      "gr",     "gram",  "grams",  "lb",       "lbs",     "oz",    "ml",    "cl",
    "litre",  "litres", "liter", "liters", "ltr",      "gb",      "tb",    "mb",    "mah",
    "pcs",    "pc",     "piece", "pieces", "pack",     "packs",   "yrs",   "years", "year",
    "months", "days",   "hours", "hrs",    "mins",     "minutes", "stars", "star",  "reviews",
    "review", "items",  "sqft",  "sqm",    "followers"};

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

// A currency mark right before byte `begin` (blanks and a colon may sit between: "US$: 12.99").
MarkMatch MarkBefore(std::string_view s, std::size_t begin, std::size_t* mark_begin = nullptr) {
  std::size_t p = SkipBlanksBack(s, begin);
  if (p > 0 && s[p - 1] == ':') p = SkipBlanksBack(s, p - 1);
  const MarkMatch m = MarkEndingAt(s, p);
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

// The mark a number is priced in. A bare "$" yields to a code beside it: "NZD $100.70", "$1,190.00
// AUD".
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
};

// Whether the word after a number makes it a quantity. One-letter units count in lower case only:
// "1 G" may be gourdes, and "5 G$" is Guyanese dollars.
bool IsUnitAt(std::string_view s, std::size_t at) {
  const std::string_view word = WordAt(s, at);
  if (word.empty() || (word.size() == 1 && (word[0] != AsciiLower(word[0]) ||
                                            (at + 1 < s.size() && s[at + 1] == '$')))) {
    return false;
  }
  return IsOneOfWords(word, kUnits);
}

// Why a number of the text is no price, given what surrounds it.
bool IsNoPrice(std::string_view s, const NumberText& n, double value, bool next_to_mark) {
  const std::string_view chars = n.View();
  const std::size_t after = SkipBlanks(s, n.end);
  if (after < s.size() && s[after] == '%') return true;  // "40% OFF"
  if (n.end < s.size() && s[n.end] == '+') return true;  // "Orders $49+"
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
  if (!next_to_mark && IsUnitAt(s, after)) return true;
  return false;
}

// Whether a number starts at `i`: a digit, or '.'/',' marks right before a digit ("$.75") that do
// not follow a digit.
bool NumberStartsAt(std::string_view s, std::size_t i) {
  if (IsDigit(s[i])) return true;
  if (!IsMark(s[i]) || (i > 0 && IsDigit(s[i - 1]))) return false;
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
}  // namespace internal

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
  for (std::size_t i = 0; i < s.size() && count < kMaxCandidates;) {
    if (!NumberStartsAt(s, i)) {
      ++i;
      continue;
    }
    any_digit = true;
    const NumberText n = ScanNumber(s, i, rule);
    i = n.end > i ? n.end : i + 1;
    const std::optional<double> value = NumberValue(n, rule);
    const MarkMatch after = MarkAfter(s, n.end);
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
    }
    previous_end = n.end;
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
  for (std::size_t k = 0; k < count; ++k) any_currency = any_currency || candidates[k].has_currency;
  const Candidate* chosen = nullptr;
  for (std::size_t k = 0; k < count; ++k) {
    const Candidate& c = candidates[k];
    if (any_currency && !c.has_currency) continue;
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

}  // namespace vendly
