// Normalisation of the words a catalog stores: sizes, colours and free text. One place for the
// rules of shared/data/LABELING.md ("38-41" -> 38..41, "UK 8" -> "8", "free size" -> "One Size",
// "nyekundu" -> "red"), so the caption extractor, the seller's edits and the sync merge all store
// the same spelling.
//
// Pure: no I/O, no exceptions, no locale. Any bytes are accepted; only ASCII letters change case.
#ifndef VENDLY_NORMALIZE_H_
#define VENDLY_NORMALIZE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vendly {

// The largest numeric range NormalizeSize expands ("30-50" gives 21 sizes); a wider one is kept as
// written.
inline constexpr int kMaxSizeRangeSpan = 20;

// The colour names of LABELING.md, lower-case English, in its order. NormalizeColor may return
// others.
extern const char* const kKnownColors[18];

// Trims and collapses every run of whitespace (ASCII and U+00A0 no-break space) to one ASCII space.
std::string CollapseWhitespace(std::string_view text);

// ASCII-only lower/upper case; other bytes (UTF-8 sequences included) are copied unchanged.
std::string AsciiLower(std::string_view text);
std::string AsciiUpper(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// The number of code points in `text`; each byte of an invalid sequence counts as one.
std::size_t Utf8Length(std::string_view text);

// The sizes one written size stands for, normalised: letter sizes upper-case ("xl" -> "XL", "2xl"
// -> "XXL", "xxxl" -> "3XL", "small" -> "S"), UK/EU/US prefixes and a leading "size" dropped ("UK
// 8" -> "8"), integer ranges expanded ("38-41", "38 to 41" -> 38,39,40,41, at most
// kMaxSizeRangeSpan + 1 of them), letter ranges expanded ("S-XL" -> S,M,L,XL), "free size"/"one
// size" -> "One Size". Lists separated by
// ',', ';', '/' or '|' give each of their sizes. Anything else is kept, whitespace collapsed and
// upper-cased. Empty when `text` holds no size (empty or whitespace/punctuation only). Duplicates
// removed, order kept.
std::vector<std::string> NormalizeSize(std::string_view text);

// One colour, normalised: lower-case, whitespace collapsed, Swahili translated (nyekundu red,
// nyeusi black, nyeupe white, bluu blue, kijani green, njano yellow, kahawia brown, pinki pink,
// zambarau purple, kijivu grey, also after "rangi ya"), spelling variants unified ("gray" ->
// "grey", "multicolour" -> "multicolor"), punctuation and emojis around the word dropped. nullopt
// when `text` holds no ASCII letter (empty, "❤️", "🔴"): emoji hearts and circles are not
// colours.
std::optional<std::string> NormalizeColor(std::string_view text);

// True when `word` (any case) is a letter size NormalizeSize spells canonically: "s", "XL", "2xl",
// "xxxl", "small", "extra large". For recognising sizes in text with the same vocabulary.
bool IsLetterSize(std::string_view word);

// True when NormalizeColor(word) is one of kKnownColors, i.e. `word` is a catalog colour, its
// Swahili name or a spelling variant ("nyekundu", "Gray", "multicolour"). For recognising colour
// words in text.
bool IsKnownColor(std::string_view word);

// Appends each of `values` normalised by NormalizeSize / NormalizeColor, dropping empties and
// duplicates (first occurrence kept). The list forms of the two rules above.
std::vector<std::string> NormalizeSizes(const std::vector<std::string>& values);
std::vector<std::string> NormalizeColors(const std::vector<std::string>& values);

}  // namespace vendly

#endif  // VENDLY_NORMALIZE_H_
