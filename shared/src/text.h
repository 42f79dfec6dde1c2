// Caption text: the one pass that turns a caption's bytes into tokens and lines for every other
// part of the extractor. It is UTF-8 aware (emoji sequences with ZWJ, skin tones, variation
// selectors and keycaps
// stay one token; "1️⃣" is a keycap, not a number), splits numbers glued to words and marks
// ("Ksh2,500/=", "💰2500", "@1.2k"), and keeps byte offsets into the caption so evidence spans point
// at the source. Invalid UTF-8 never stops it: a bad byte becomes a one-byte kUnknown token.
#ifndef VENDLY_SRC_TEXT_H_
#define VENDLY_SRC_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"

namespace vendly::internal {

enum class TokenKind : uint8_t {
  kWord,    // letters, maybe with digits or an inner apostrophe: "hoodies" "men's" "a15" "t800"
  kNumber,  // digits with grouping/decimal marks and an optional k/M: "2,500" "1.2M" "29.5k" "0712"
  kHashtag,   // "#nairobifashion" (the whole tag, '#' included)
  kMention,   // "@glowbykui"
  kEmoji,     // one emoji sequence (pictographs, hearts, arrows, dingbats, flags)
  kKeycap,    // "1️⃣": a numbered-list marker
  kCurrency,  // a currency symbol: $ € £ ₦
  kPunct,     // ASCII punctuation and typographic dashes, bullets, quotes
  kUnknown,   // an invalid UTF-8 byte or a control character
};

struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t line = 0;  // index into Text::lines
  TokenKind kind = TokenKind::kUnknown;
  bool space_before = true;    // whitespace (or the line start) precedes it: "Ksh2,500" has none
  bool upper_initial = false;  // a word starting with an upper-case ASCII letter
  bool has_digit = false;      // a word with digits ("a15") or a number
  uint32_t hash = 0;           // words: the WordHash of the lower-case text (see Text::Word)
};

// One caption line: its byte range and its tokens [first, last).
struct Line {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t first = 0;
  uint32_t last = 0;
};

// A tokenised caption. `lower` is the caption with ASCII letters lower-cased and the same length,
// so a token's bytes in `lower` are its case-folded text.
struct Text {
  std::string_view raw;
  std::string lower;
  std::vector<Token> tokens;
  std::vector<Line> lines;

  // Token accessors run for every token in every rule: always inlined (the WASM build left them as
  // calls), and without substr's range check (a token lies within the caption by construction).
  [[gnu::always_inline]] std::string_view Lower(const Token& t) const {
    return std::string_view(lower.data() + t.begin, t.end - t.begin);
  }
  [[gnu::always_inline]] std::string_view Raw(const Token& t) const {
    return std::string_view(raw.data() + t.begin, t.end - t.begin);
  }
  // The punctuation character of a one-byte kPunct token, or 0.
  [[gnu::always_inline]] char Punct(const Token& t) const {
    return t.kind == TokenKind::kPunct && t.end - t.begin == 1 ? raw[t.begin] : '\0';
  }
  // The lower-case text of the token with its hash, for word-table lookups: a word's hash is
  // computed once, by the tokeniser.
  [[gnu::always_inline]] HashedWord Word(const Token& t) const {
    return t.kind == TokenKind::kWord ? HashedWord(Lower(t), t.hash) : HashedWord(Lower(t));
  }
  // True when the token is the word `w` (lower-case ASCII).
  bool Is(const Token& t, std::string_view w) const {
    return t.kind == TokenKind::kWord && Lower(t) == w;
  }
};

// Tokenises `caption` into `out` (cleared first). `caption` must outlive `out`. Linear in the
// input.
void Tokenise(std::string_view caption, Text* out);

// True for a typographic dash or ASCII '-' token ("-", "–", "—").
bool IsDash(const Text& text, const Token& t);

// The separator between a price-list row's item and its amount ends at token `i` ("Chapati – 20",
// "Chai: 30", "Mandazi = 10", "Samosa @ 30", and dot leaders: "Chapati ....... 20", "Pilau…… 250"):
// returns the separator's first token (a leader's first dot), or -1 when token `i` (which must be
// at or after `line_first`) ends no separator. A lone '.' is a full stop, not a leader.
int RowSeparatorStart(const Text& text, int i, int line_first);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_TEXT_H_
