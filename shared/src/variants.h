// Variants: the sizes and colours a caption offers. Sizes are read after a size cue ("Sizes 37-44",
// "Size 40 hadi 45", "Waist 30, 32"), from letter-size lists ("S, M, L", "(M, L, XL)", "S-XXL") and
// from per-size price lines ("XL - 2,200"); "free size"/"one size" give "One Size"; capacities
// (500ml, 1kg) are never sizes. Colours are English and Swahili colour words; words that only look
// like colours in food and product names ("red velvet", "brown sugar", "body cream") are skipped.
// Spellings are normalised with vendly::NormalizeSize / NormalizeColor so every layer stores the
// same words.
#ifndef VENDLY_SRC_VARIANTS_H_
#define VENDLY_SRC_VARIANTS_H_

#include <string>
#include <vector>

#include "text.h"
#include "vendly/extract.h"

namespace vendly::internal {

// Sizes and colours found in a token range, with their evidence.
struct Variants {
  std::vector<std::string> sizes;
  std::vector<std::string> colors;
  std::vector<Span> size_spans;
  std::vector<Span> color_spans;
  bool explicit_colors =
      false;  // read from a colour cue line ("Colours:", "Rangi:", "available in")
};

// Reads the sizes and colours of tokens [first, last) of `text` and appends them to `out` (no
// duplicates, first occurrence order). `names_only_colors`: false to skip colour words that are not
// in a colour cue context (used for food and books, where "black forest" is a cake).
void ReadVariants(const Text& text, uint32_t first, uint32_t last, bool loose_colors,
                  Variants* out);

// True when token `i` starts a letter size ("S", "XL", "3XL", "small"); sets `*end` past it.
bool IsLetterSizeAt(const Text& text, uint32_t i, uint32_t last, uint32_t* end);

// True when the word is a colour word (English or Swahili) or an ambiguous one such as "cream".
bool IsColorWord(HashedWord lower_word);

// True for colour words that are as often something else ("cream", "orange", "chocolate").
bool IsAmbiguousColorWord(HashedWord lower_word);

// True when tokens [first, last) hold a size cue or a one-size phrase, so the line is about sizes.
bool HasSizeCue(const Text& text, uint32_t first, uint32_t last);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_VARIANTS_H_
