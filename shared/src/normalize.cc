#include "vendly/normalize.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <set>
#include <utility>

#include "vocabulary.h"

namespace vendly {
namespace {

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }

// Length of the well-formed UTF-8 sequence at text[i], or 0 when the bytes there are not one.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  uint32_t min = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, min = 0x80, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, min = 0x800, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, min = 0x10000, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// A size number: one to four ASCII digits (so it always fits an int).
bool OnlyDigits(std::string_view s) {
  return !s.empty() && s.size() <= 4 && std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

int SmallNumber(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::string RemoveChars(std::string_view s, std::string_view chars) {
  std::string out;
  for (char c : s) {
    if (chars.find(c) == std::string_view::npos) out += c;
  }
  return out;
}

// The letter sizes in order, so that "S-XL" can be expanded.
constexpr const char* kLetterSizes[] = {"XXS", "XS",  "S",   "M",   "L",  "XL",
                                        "XXL", "3XL", "4XL", "5XL", "6XL"};

// The canonical letter size of a lower-case token ("xl", "2xl", "xxxl", "small", "extra large"), or
// "".
std::string CanonicalLetterSize(std::string_view token) {
  std::string t = RemoveChars(token, " -.");
  for (const internal::SizeWord& w : internal::kSizeWords) {
    if (t == w.word) return std::string(w.size);
  }
  if (t.size() < 1) return "";
  const char last = t.back();
  if (last != 'l' && last != 's') return "";
  std::string_view head(t.data(), t.size() - 1);
  int x_count = 0;
  if (std::all_of(head.begin(), head.end(), [](char c) { return c == 'x'; })) {
    x_count = static_cast<int>(head.size());
  } else if (head.size() == 2 && head[0] >= '1' && head[0] <= '9' && head[1] == 'x') {
    x_count = head[0] - '0';
  } else {
    return "";
  }
  if (x_count > 9) return "";
  const std::string letter(1, last == 'l' ? 'L' : 'S');
  if (x_count <= 2) return std::string(static_cast<std::size_t>(x_count), 'X') + letter;
  return std::to_string(x_count) + "X" + letter;
}

int LetterSizeIndex(const std::string& size) {
  for (int i = 0; i < static_cast<int>(std::size(kLetterSizes)); ++i) {
    if (size == kLetterSizes[i]) return i;
  }
  return -1;
}

// Drops leading "size", "uk", "eu", "us", "euro" (followed by a space, ':' or a digit), repeatedly.
std::string_view DropSizePrefixes(std::string_view lower) {
  static const char* const kPrefixes[] = {"size", "euro", "uk", "eu", "us", "sz"};
  bool changed = true;
  while (changed) {
    changed = false;
    for (const char* prefix : kPrefixes) {
      const std::string_view p(prefix);
      if (lower.size() <= p.size() || lower.substr(0, p.size()) != p) continue;
      const char next = lower[p.size()];
      if (next != ' ' && next != ':' && next != '.' && !IsAsciiDigit(next)) continue;
      lower.remove_prefix(p.size());
      while (!lower.empty() &&
             (lower.front() == ' ' || lower.front() == ':' || lower.front() == '.')) {
        lower.remove_prefix(1);
      }
      changed = true;
      break;
    }
  }
  return lower;
}

std::string_view TrimView(std::string_view s, std::string_view chars) {
  while (!s.empty() && chars.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

// Splits "38-41", "38 - 41", "38 to 41", "38–41" into its two ends; false when `s` is no range.
bool SplitRange(std::string_view s, std::string_view* from, std::string_view* to) {
  static const char* const kSeparators[] = {" to ", "\xE2\x80\x93", "\xE2\x80\x94", "-"};
  for (const char* separator : kSeparators) {
    const std::size_t at = s.find(separator);
    if (at == std::string_view::npos || at == 0) continue;
    *from = TrimView(s.substr(0, at), " ");
    *to = TrimView(s.substr(at + std::string_view(separator).size()), " ");
    if (from->empty() || to->empty()) continue;
    return true;
  }
  return false;
}

// A list that keeps the first of equal entries and drops empty ones, in O(log n) per entry.
class UniqueList {
 public:
  void Add(std::string value) {
    if (value.empty() || !seen_.insert(value).second) return;
    values_.push_back(std::move(value));
  }
  std::vector<std::string> Take() { return std::move(values_); }

 private:
  std::set<std::string> seen_;
  std::vector<std::string> values_;
};

void AppendUnique(UniqueList* out, std::string value) { out->Add(std::move(value)); }

// One size with no list separator in it.
bool HasSizeCharacter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80;
  });
}

// One size with no list separator in it. Trimming and prefix dropping repeat until nothing changes,
// so that what this writes reads back unchanged (NormalizeSize is idempotent: ValidateDraft relies
// on it).
void NormalizeOneSize(std::string_view piece, UniqueList* out) {
  static constexpr std::string_view kTrimmed = " .()[]{}:*+!?\"'";
  const std::string lower = AsciiLower(CollapseWhitespace(piece));
  std::string_view body = TrimView(lower, kTrimmed);
  for (std::string_view next = TrimView(DropSizePrefixes(body), kTrimmed); next != body;
       next = TrimView(DropSizePrefixes(body), kTrimmed)) {
    body = next;
  }
  if (!HasSizeCharacter(body)) return;
  static const char* const kOneSize[] = {"free size", "freesize",  "one size",         "onesize",
                                         "one-size",  "free-size", "one size fits all"};
  for (const char* one : kOneSize) {
    if (body == one) return AppendUnique(out, "One Size");
  }

  std::string_view from, to;
  if (SplitRange(body, &from, &to)) {
    const std::string_view from_body = DropSizePrefixes(from);
    const std::string_view to_body = DropSizePrefixes(to);
    if (OnlyDigits(from_body) && OnlyDigits(to_body)) {
      const int a = SmallNumber(from_body);
      const int b = SmallNumber(to_body);
      if (a < b && b - a <= kMaxSizeRangeSpan) {
        for (int v = a; v <= b; ++v) AppendUnique(out, std::to_string(v));
        return;
      }
    }
    const int a = LetterSizeIndex(CanonicalLetterSize(from_body));
    const int b = LetterSizeIndex(CanonicalLetterSize(to_body));
    if (a >= 0 && b >= 0 && a < b) {
      for (int i = a; i <= b; ++i) AppendUnique(out, kLetterSizes[i]);
      return;
    }
  }
  const std::string letter = CanonicalLetterSize(body);
  if (!letter.empty()) return AppendUnique(out, letter);
  AppendUnique(out, AsciiUpper(body));
}

// A code point counts as a letter for trimming when it is ASCII or Latin (U+00C0..U+024F).
bool StartsWithLetter(std::string_view s) {
  if (s.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return IsAsciiAlnum(static_cast<char>(c));
  // U+00C0..U+024F are encoded C3 80 .. C9 8F.
  return c >= 0xC3 && c <= 0xC9 && Utf8SequenceLength(s, 0) == 2;
}

// Drops leading and trailing characters that are not letters or digits (punctuation, emojis,
// spaces).
std::string_view TrimToLetters(std::string_view s) {
  while (!s.empty() && !StartsWithLetter(s)) {
    const std::size_t n = std::max<std::size_t>(1, Utf8SequenceLength(s, 0));
    s.remove_prefix(std::min(n, s.size()));
  }
  while (!s.empty()) {
    // Find the start of the last code point.
    std::size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 &&
           s.size() - start < 4) {
      --start;
    }
    if (Utf8SequenceLength(s, start) != s.size() - start) start = s.size() - 1;
    if (StartsWithLetter(s.substr(start))) break;
    s.remove_suffix(s.size() - start);
  }
  return s;
}

}  // namespace

const char* const kKnownColors[18] = {
    "red",  "black", "white", "blue",   "green", "yellow", "pink",   "purple", "brown",
    "grey", "beige", "navy",  "maroon", "gold",  "silver", "orange", "cream",  "multicolor"};

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool nbsp =
        c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (IsAsciiSpace(c) || nbsp) {
      if (nbsp) ++i;
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t Utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    i += std::max<std::size_t>(1, Utf8SequenceLength(text, i));
  }
  return count;
}

std::vector<std::string> NormalizeSize(std::string_view text) {
  UniqueList out;
  const std::string lower = AsciiLower(CollapseWhitespace(text));
  // Lists: "S, M and L", "38/39", "S|M". " and " only between two words, so "AND" stays one size.
  std::string separated;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (lower.compare(i, 5, " and ") == 0) {
      separated += ',';
      i += 3;
      continue;
    }
    const char c = lower[i];
    separated += (c == ';' || c == '/' || c == '|' || c == '&') ? ',' : c;
  }
  std::size_t start = 0;
  for (std::size_t i = 0; i <= separated.size(); ++i) {
    if (i == separated.size() || separated[i] == ',') {
      NormalizeOneSize(std::string_view(separated).substr(start, i - start), &out);
      start = i + 1;
    }
  }
  return out.Take();
}

std::optional<std::string> NormalizeColor(std::string_view text) {
  std::string lower = AsciiLower(CollapseWhitespace(text));
  std::string_view s = TrimToLetters(lower);
  static const char* const kPrefixes[] = {"rangi ya ", "rangi "};
  // Repeated until none is left, so that the result reads back unchanged.
  for (bool dropped = true; dropped;) {
    dropped = false;
    for (const char* prefix : kPrefixes) {
      const std::string_view p(prefix);
      if (s.size() > p.size() && s.substr(0, p.size()) == p) {
        s = TrimToLetters(s.substr(p.size()));
        dropped = true;
        break;  // "rangi ya" before "rangi" again
      }
    }
  }
  if (std::none_of(s.begin(), s.end(), IsAsciiAlpha)) return std::nullopt;
  // Swahili names and other spellings of a colour (vocabulary.h).
  for (const internal::ColorWord& c : internal::kColorWords) {
    if (s == c.word) return std::string(c.canonical);
  }
  return std::string(s);
}

bool IsLetterSize(std::string_view word) {
  return !CanonicalLetterSize(AsciiLower(CollapseWhitespace(word))).empty();
}

bool IsKnownColor(std::string_view word) {
  const std::optional<std::string> color = NormalizeColor(word);
  return color && std::any_of(std::begin(kKnownColors), std::end(kKnownColors),
                              [&](const char* known) { return *color == known; });
}

std::vector<std::string> NormalizeSizes(const std::vector<std::string>& values) {
  UniqueList out;
  for (const std::string& value : values) {
    for (std::string& size : NormalizeSize(value)) out.Add(std::move(size));
  }
  return out.Take();
}

std::vector<std::string> NormalizeColors(const std::vector<std::string>& values) {
  UniqueList out;
  for (const std::string& value : values) {
    if (std::optional<std::string> color = NormalizeColor(value)) out.Add(std::move(*color));
  }
  return out.Take();
}

}  // namespace vendly
