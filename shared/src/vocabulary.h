// Colour and size words: the one vocabulary behind normalize.h (how a catalog spells a colour or a
// letter size) and the caption reader (variants.h: which words of a caption are colours or sizes).
// Each word is listed once, with its catalog spelling and with how a caption is read for it, so the
// two can no longer drift apart (tests/shared/vocabulary_test.cc checks that they agree).
#ifndef VENDLY_SRC_VOCABULARY_H_
#define VENDLY_SRC_VOCABULARY_H_

#include <cstdint>
#include <string_view>

namespace vendly::internal {

// How the caption reader treats a colour word written on its own.
enum class ColorUse : uint8_t {
  kAnywhere,      // a colour wherever it stands in an item's text ("red", "nyeusi", "gray")
  kInContext,     // as often something else ("body cream", "orange juice"): a colour after a colour
                  // cue, in a list of colours or right after an item noun
  kSpellingOnly,  // a spelling NormalizeColor unifies but a caption word never is: "blu" (a
                  // brand as often as a colour) and spellings of more than one word
};

struct ColorWord {
  std::string_view word;       // lower case
  std::string_view canonical;  // NormalizeColor's spelling of it
  ColorUse use;
};

inline constexpr ColorWord kColorWords[] = {
    // The catalog colours (kKnownColors).
    {"red", "red", ColorUse::kAnywhere},
    {"black", "black", ColorUse::kAnywhere},
    {"white", "white", ColorUse::kAnywhere},
    {"blue", "blue", ColorUse::kAnywhere},
    {"green", "green", ColorUse::kAnywhere},
    {"yellow", "yellow", ColorUse::kAnywhere},
    {"pink", "pink", ColorUse::kAnywhere},
    {"purple", "purple", ColorUse::kAnywhere},
    {"brown", "brown", ColorUse::kAnywhere},
    {"grey", "grey", ColorUse::kAnywhere},
    {"beige", "beige", ColorUse::kAnywhere},
    {"navy", "navy", ColorUse::kAnywhere},
    {"maroon", "maroon", ColorUse::kAnywhere},
    {"gold", "gold", ColorUse::kAnywhere},
    {"silver", "silver", ColorUse::kAnywhere},
    {"orange", "orange", ColorUse::kInContext},
    {"cream", "cream", ColorUse::kInContext},
    {"multicolor", "multicolor", ColorUse::kAnywhere},
    // Swahili names.
    {"nyekundu", "red", ColorUse::kAnywhere},
    {"nyeusi", "black", ColorUse::kAnywhere},
    {"nyeupe", "white", ColorUse::kAnywhere},
    {"bluu", "blue", ColorUse::kAnywhere},
    {"kijani", "green", ColorUse::kAnywhere},
    {"njano", "yellow", ColorUse::kAnywhere},
    {"manjano", "yellow", ColorUse::kAnywhere},
    {"kahawia", "brown", ColorUse::kAnywhere},
    {"pinki", "pink", ColorUse::kAnywhere},
    {"zambarau", "purple", ColorUse::kAnywhere},
    {"kijivu", "grey", ColorUse::kAnywhere},
    // Other spellings.
    {"blu", "blue", ColorUse::kSpellingOnly},
    {"gray", "grey", ColorUse::kAnywhere},
    {"multicolour", "multicolor", ColorUse::kAnywhere},
    {"multicoloured", "multicolor", ColorUse::kAnywhere},
    {"multicolored", "multicolor", ColorUse::kAnywhere},
    {"multi-colour", "multicolor", ColorUse::kSpellingOnly},
    {"multi-color", "multicolor", ColorUse::kSpellingOnly},
    {"multi colour", "multicolor", ColorUse::kSpellingOnly},
    {"multi color", "multicolor", ColorUse::kSpellingOnly},
    {"navy blue", "navy", ColorUse::kSpellingOnly},
    // Colours kept as written.
    {"khaki", "khaki", ColorUse::kAnywhere},
    {"burgundy", "burgundy", ColorUse::kAnywhere},
    {"turquoise", "turquoise", ColorUse::kAnywhere},
    {"teal", "teal", ColorUse::kAnywhere},
    {"mustard", "mustard", ColorUse::kAnywhere},
    {"lilac", "lilac", ColorUse::kAnywhere},
    {"nude", "nude", ColorUse::kInContext},
    {"tan", "tan", ColorUse::kInContext},
    {"olive", "olive", ColorUse::kInContext},
    {"peach", "peach", ColorUse::kInContext},
    {"mint", "mint", ColorUse::kInContext},
    {"wine", "wine", ColorUse::kInContext},
    {"coffee", "coffee", ColorUse::kInContext},
    {"chocolate", "chocolate", ColorUse::kInContext},
    {"caramel", "caramel", ColorUse::kInContext},
    {"lavender", "lavender", ColorUse::kInContext},
    {"rose", "rose", ColorUse::kInContext},
    {"cherry", "cherry", ColorUse::kInContext},
};

// Letter sizes written as words, with their catalog spelling. `in_captions`: the caption reader
// takes the word as a size ("med", "extralarge" are only normalised, from sellers' own entries).
struct SizeWord {
  std::string_view word;  // lower case, without spaces, hyphens or dots ("extra large" is
                          // "extralarge")
  std::string_view size;
  bool in_captions;
};

inline constexpr SizeWord kSizeWords[] = {
    {"small", "S", true},
    {"medium", "M", true},
    {"med", "M", false},
    {"large", "L", true},
    {"extralarge", "XL", false},
    {"extrasmall", "XS", false},
    {"xlarge", "XL", true},
    {"xxlarge", "XXL", true},
    {"extraextralarge", "XXL", false},
    {"xsmall", "XS", false},
    {"m", "M", true},
};

// Letter-size codes the caption reader takes as sizes. NormalizeSize spells any "x...l"/"x...s" or
// "<digit>xl" code by rule; a caption takes only these, since "xxxxl" or "9xl" in a caption is more
// often something else.
inline constexpr std::string_view kCaptionSizeCodes[] = {"xxs",  "xs",  "s",   "l",   "xl", "xxl",
                                                         "xxxl", "2xl", "3xl", "4xl", "5xl"};

}  // namespace vendly::internal

#endif  // VENDLY_SRC_VOCABULARY_H_
