#include "text.h"

#include <algorithm>
#include <cstring>

#include "caption_marks.h"

namespace vendly::internal {
namespace {

// Decodes the multi-byte UTF-8 code point at `i` (its first byte is >= 0x80); see Decode.
[[gnu::noinline]] uint32_t DecodeMultibyte(std::string_view s, std::size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  uint32_t len = 0, value = 0, min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, value = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, value = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, value = c & 0x07, min = 0x10000;
  } else {
    *cp = 0xFFFFFFFF;
    return 1;
  }
  if (i + len > s.size()) {
    *cp = 0xFFFFFFFF;
    return 1;
  }
  for (uint32_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      *cp = 0xFFFFFFFF;
      return 1;
    }
    value = (value << 6) | (cc & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    *cp = 0xFFFFFFFF;
    return 1;
  }
  *cp = value;
  return len;
}

// Decodes one UTF-8 code point at `i`. Returns its length in bytes and the code point; an invalid
// or truncated sequence gives length 1 and code point 0xFFFFFFFF so the caller treats the byte as
// unknown. ASCII, most of every caption, is answered inline.
[[gnu::always_inline]] inline uint32_t Decode(std::string_view s, std::size_t i, uint32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  return DecodeMultibyte(s, i, cp);
}

bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// ASCII upper-case letters to lower case, eight bytes at a time; other bytes are kept.
void AsciiLowerInPlace(char* s, std::size_t n) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v;
    std::memcpy(&v, s + i, sizeof v);
    // Per byte without carries between bytes (high bits cleared first): the high bit of `ge_a` is
    // set for bytes >= 'A', of `gt_z` for bytes > 'Z'; bytes >= 0x80 are left out.
    const uint64_t low7 = v & ~kHigh;
    const uint64_t ge_a = low7 + kOnes * (0x80 - 'A');
    const uint64_t gt_z = low7 + kOnes * (0x80 - 'Z' - 1);
    const uint64_t upper = (ge_a ^ gt_z) & ~v & kHigh;
    v |= upper >> 2;  // 'A'..'Z' have bit 0x20 clear: setting it lower-cases them
    std::memcpy(s + i, &v, sizeof v);
  }
  for (; i < n; ++i) {
    if (s[i] >= 'A' && s[i] <= 'Z') s[i] = static_cast<char>(s[i] + 32);
  }
}

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Code points that continue the emoji sequence before them: ZWJ, variation selectors, skin tones,
// tag characters, the combining keycap.
bool IsEmojiJoiner(uint32_t cp) {
  return cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x20E3;
}

bool IsEmoji(uint32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x2300 && cp <= 0x23FF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
         (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x25A0 && cp <= 0x25FF) || cp == 0x00A9 ||
         cp == 0x00AE || cp == 0x2122 || cp == 0x2139 || cp == 0x3030 || cp == 0x303D ||
         (cp >= 0x2900 && cp <= 0x297F);
}

bool IsCurrencySymbol(uint32_t cp) {
  return cp == '$' || cp == 0x00A3 || cp == 0x00A5 || cp == 0x00A2 ||
         (cp >= 0x20A0 && cp <= 0x20CF);
}

// Letters beyond ASCII that words may hold (é in "décor", ñ, ...). Everything in the general
// punctuation block, symbols and emoji is not a letter.
bool IsWordCodePoint(uint32_t cp) {
  if (cp < 0x80) return IsAsciiAlpha(static_cast<unsigned char>(cp));
  if (cp == 0xFFFFFFFF) return false;
  if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return true;
  if (cp >= 0x370 && cp <= 0x1FFF) return true;   // Greek, Cyrillic, Arabic, Ethiopic, ...
  if (cp >= 0x3040 && cp <= 0xD7FF) return true;  // CJK and other scripts
  return false;
}

bool IsApostrophe(std::string_view s, std::size_t i, uint32_t* len) {
  if (s[i] == '\'') {
    *len = 1;
    return true;
  }
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x99) {
    *len = 3;
    return true;
  }
  return false;
}

// Word prefixes that are currency marks, split off when glued to digits ("Ksh2,500", "N3,500"): the
// currency registry's (caption_marks.h).
bool IsGluedMark(std::string_view lower_word) {
  return (CaptionMarkPlaces(lower_word) & kMarkGlued) != 0;
}

// Whether the letters after the multiplier at `k` ("kFrw" in "1.5kFrw") are a currency mark written
// after an amount while the multiplier and those letters together are none ("ksh" is a mark), or
// are one too but the amount has a single decimal, which no shilling price has ("2.5ksh").
bool MarkGluedAfterMultiplier(std::string_view lower, std::size_t k, bool one_decimal) {
  std::size_t e = k + 1;
  while (e < lower.size() && IsAsciiAlpha(static_cast<unsigned char>(lower[e]))) ++e;
  if (e - k > 8 || (e < lower.size() && IsDigit(static_cast<unsigned char>(lower[e])))) {
    return false;
  }
  return (CaptionMarkPlaces(lower.substr(k + 1, e - k - 1)) & kMarkAfter) != 0 &&
         (one_decimal || (CaptionMarkPlaces(lower.substr(k, e - k)) & kMarkAfter) == 0);
}

}  // namespace

bool IsDash(const Text& text, const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  std::string_view r = text.Raw(t);
  return r == "-" || r == "\xE2\x80\x93" || r == "\xE2\x80\x94" || r == "\xE2\x80\x92";
}

int RowSeparatorStart(const Text& text, int i, int line_first) {
  if (i < line_first) return -1;
  const Token& t = text.tokens[i];
  const char p = text.Punct(t);
  if (IsDash(text, t) || p == ':' || p == '=' || p == '@') return i;
  // A leader: two or more dots, or an ellipsis ("…"), in a run of dots and ellipses.
  auto dots = [&](const Token& d) {
    return text.Punct(d) == '.' ? 1 : (text.Raw(d) == "\xE2\x80\xA6" ? 2 : 0);
  };
  int count = 0;
  int k = i;
  while (k >= line_first && dots(text.tokens[k]) > 0) {
    count += dots(text.tokens[k]);
    --k;
  }
  return count >= 2 ? k + 1 : -1;
}

void Tokenise(std::string_view caption, Text* out) {
  out->raw = caption;
  out->lower.assign(caption.data(), caption.size());
  AsciiLowerInPlace(out->lower.data(), out->lower.size());
  out->tokens.clear();
  out->lines.clear();
  out->tokens.reserve(caption.size() / 3 + 4);
  out->lines.reserve(static_cast<std::size_t>(std::count(caption.begin(), caption.end(), '\n')) +
                     1);

  const std::string_view s = caption;
  const std::size_t n = s.size();
  Line line;
  bool space_before = true;
  std::size_t i = 0;
  auto push = [&](std::size_t b, std::size_t e, TokenKind kind) {
    Token t;
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    t.line = static_cast<uint32_t>(out->lines.size());
    t.kind = kind;
    t.space_before = space_before;
    unsigned char c0 = static_cast<unsigned char>(s[b]);
    t.upper_initial = kind == TokenKind::kWord && c0 >= 'A' && c0 <= 'Z';
    if (kind == TokenKind::kNumber) t.has_digit = true;
    if (kind == TokenKind::kWord) t.hash = WordHash(std::string_view(out->lower).substr(b, e - b));
    out->tokens.push_back(t);
    space_before = false;
  };
  auto end_line = [&](std::size_t at) {
    line.end = static_cast<uint32_t>(at);
    line.last = static_cast<uint32_t>(out->tokens.size());
    out->lines.push_back(line);
    line = Line();
    line.begin = static_cast<uint32_t>(at + 1);
    line.first = static_cast<uint32_t>(out->tokens.size());
    space_before = true;
  };

  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      end_line(i);
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space_before = true;
      ++i;
      continue;
    }
    // Numbers (and keycaps): digits with inner grouping marks, then a k/M multiplier.
    if (IsDigit(c)) {
      std::size_t j = i + 1;
      while (j < n && IsDigit(static_cast<unsigned char>(s[j]))) ++j;
      // Keycap: digit + optional FE0F + U+20E3.
      std::size_t k = j;
      if (j == i + 1) {
        if (k + 2 < n && static_cast<unsigned char>(s[k]) == 0xEF &&
            static_cast<unsigned char>(s[k + 1]) == 0xB8 &&
            static_cast<unsigned char>(s[k + 2]) == 0x8F) {
          k += 3;
        }
        if (k + 2 < n && static_cast<unsigned char>(s[k]) == 0xE2 &&
            static_cast<unsigned char>(s[k + 1]) == 0x83 &&
            static_cast<unsigned char>(s[k + 2]) == 0xA3) {
          push(i, k + 3, TokenKind::kKeycap);
          i = k + 3;
          continue;
        }
      }
      bool decimal = false;
      while (j + 1 < n && (s[j] == ',' || s[j] == '.' || s[j] == '\'') &&
             IsDigit(static_cast<unsigned char>(s[j + 1]))) {
        if (s[j] == '.') decimal = true;
        j += 2;
        while (j < n && IsDigit(static_cast<unsigned char>(s[j]))) ++j;
      }
      // Multiplier: "2.5k", "12K", "1.2M", "3.5m" (a bare "3m" is metres), also before a currency
      // mark glued after it ("1.5kFrw", "2kbob", "3.5kTsh", "2.5ksh"), unless the k starts the mark
      // itself ("2500ksh" is shillings as written).
      if (j < n && (s[j] == 'k' || s[j] == 'K' || s[j] == 'M' || (s[j] == 'm' && decimal))) {
        bool letter_after = j + 1 < n && IsAsciiAlpha(static_cast<unsigned char>(s[j + 1]));
        if (letter_after && s[j] != 'm') {
          const bool one_decimal = decimal && j >= i + 3 && s[j - 2] == '.';
          letter_after = !MarkGluedAfterMultiplier(out->lower, j, one_decimal);
        }
        if (!letter_after) ++j;
      }
      push(i, j, TokenKind::kNumber);
      i = j;
      continue;
    }
    if (c == '#' || c == '@') {
      std::size_t j = i + 1;
      while (j < n) {
        unsigned char cj = static_cast<unsigned char>(s[j]);
        if (cj < 0x80) {
          if (IsAsciiAlpha(cj) || IsDigit(cj) || cj == '_' ||
              (c == '@' && cj == '.' && j + 1 < n && (IsAsciiAlpha(s[j + 1]) || s[j + 1] == '_'))) {
            ++j;
            continue;
          }
          break;
        }
        uint32_t cp;
        uint32_t len = Decode(s, j, &cp);
        if (!IsWordCodePoint(cp)) break;
        j += len;
      }
      bool tag_like =
          j > i + 1 &&
          (c == '#' || IsAsciiAlpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '_');
      if (tag_like) {
        push(i, j, c == '#' ? TokenKind::kHashtag : TokenKind::kMention);
        i = j;
      } else {
        push(i, i + 1, TokenKind::kPunct);
        ++i;
      }
      continue;
    }
    uint32_t cp;
    uint32_t len = Decode(s, i, &cp);
    if (IsWordCodePoint(cp)) {
      // A word: letters and digits, with inner apostrophes ("men's") .
      std::size_t j = i + len;
      bool digits = false;
      std::size_t letters_end = 0;  // end of the leading letter run, for "Ksh2,500"
      while (j < n) {
        unsigned char cj = static_cast<unsigned char>(s[j]);
        if (IsAsciiAlpha(cj)) {  // the common case, as the checks below would decide it
          ++j;
          continue;
        }
        if (IsDigit(cj)) {
          if (!digits && letters_end == 0) letters_end = j;
          digits = true;
          ++j;
          continue;
        }
        // Any other ASCII byte but an apostrophe ends the word (IsWordCodePoint says no to it).
        if (cj < 0x80 && cj != '\'') break;
        uint32_t alen;
        if (IsApostrophe(s, j, &alen) && j + alen < n &&
            IsAsciiAlpha(static_cast<unsigned char>(s[j + alen]))) {
          j += alen;
          continue;
        }
        uint32_t cpj;
        uint32_t lj = Decode(s, j, &cpj);
        if (!IsWordCodePoint(cpj)) break;
        j += lj;
      }
      if (letters_end != 0) {
        std::string_view head = std::string_view(out->lower).substr(i, letters_end - i);
        if (IsGluedMark(head)) {
          push(i, letters_end, TokenKind::kWord);
          i = letters_end;
          continue;  // the digits become a number token next
        }
      }
      push(i, j, TokenKind::kWord);
      out->tokens.back().has_digit = digits;
      i = j;
      continue;
    }
    if (cp == 0xFFFFFFFF || cp < 0x20 || cp == 0x7F) {
      push(i, i + len, TokenKind::kUnknown);
      i += len;
      continue;
    }
    if (IsCurrencySymbol(cp)) {
      push(i, i + len, TokenKind::kCurrency);
      i += len;
      continue;
    }
    if (IsEmoji(cp) || (cp >= 0x1F1E6 && cp <= 0x1F1FF)) {
      std::size_t j = i + len;
      bool flag = cp >= 0x1F1E6 && cp <= 0x1F1FF;
      while (j < n) {
        uint32_t cpj;
        uint32_t lj = Decode(s, j, &cpj);
        if (IsEmojiJoiner(cpj)) {
          j += lj;
          if (cpj == 0x200D && j < n) {  // ZWJ glues the next pictograph
            uint32_t cpn;
            uint32_t ln = Decode(s, j, &cpn);
            if (IsEmoji(cpn)) j += ln;
          }
          continue;
        }
        if (flag && cpj >= 0x1F1E6 && cpj <= 0x1F1FF) {  // the second regional indicator
          j += lj;
          flag = false;
          continue;
        }
        break;
      }
      push(i, j, TokenKind::kEmoji);
      i = j;
      continue;
    }
    if (IsEmojiJoiner(cp)) {  // a stray joiner: attach to the previous emoji, else ignore
      if (!out->tokens.empty() && out->tokens.back().end == i &&
          out->tokens.back().kind == TokenKind::kEmoji) {
        out->tokens.back().end = static_cast<uint32_t>(i + len);
      }
      i += len;
      continue;
    }
    if (cp == 0x00A0 || cp == 0x2009 || cp == 0x200B || cp == 0x202F || cp == 0x3000 ||
        (cp >= 0x2000 && cp <= 0x200A)) {
      space_before = true;
      i += len;
      continue;
    }
    // "~~" strikes stay one token so old prices are easy to see.
    if (c == '~' && i + 1 < n && s[i + 1] == '~') {
      push(i, i + 2, TokenKind::kPunct);
      i += 2;
      continue;
    }
    push(i, i + len, TokenKind::kPunct);
    i += len;
  }
  end_line(n);
}

}  // namespace vendly::internal
