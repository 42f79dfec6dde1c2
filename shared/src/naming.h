// Naming: a short Title Case catalog name (2-6 words, no emojis, no price, no marketing filler)
// built from the words of an item's text. Brand and model tokens keep their spelling ("iPhone 13
// Pro Max", "HP EliteBook 840 G5"); Swahili item phrases are translated and reordered ("Magauni ya
// kitenge" -> "Kitenge Dress"), an English gloss in parentheses wins over Swahili ("Pochi ndogo
// (small purse)"); a plural head is made singular when catalogs list it singular ("hoodies" ->
// "Hoodie", but "Jeans").
#ifndef VENDLY_SRC_NAMING_H_
#define VENDLY_SRC_NAMING_H_

#include <string>
#include <string_view>
#include <vector>

#include "text.h"
#include "vendly/extract.h"

namespace vendly::internal {

struct Name {
  std::string text;                // "" when the range holds no usable word
  std::vector<std::string> words;  // the name's words, lower-case (for tags)
  std::vector<Span> spans;         // caption bytes the words came from
  int item_score = 0;              // sum of category-lexicon weights of its words: how item-like
  int head_score = 0;              // the lexicon weight of its last word (its head noun) or phrase
  int proper = 0;                  // brand and model tokens (capitals, digits)
  int word_count = 0;
  int translated = 0;  // words translated from Swahili (a guess at the seller's words)
  int rivals = 0;      // other chunks of the line that also name an item
  // The tokens [chunk_first, chunk_last) the name's words were read from (for SpellName).
  uint32_t chunk_first = 0;
  uint32_t chunk_last = 0;

  // How well the name names an item, for choosing among candidate lines.
  int Score() const { return item_score * 2 + proper; }
};

// Builds the name of tokens [first, last) of `text`. Never fails; an empty name means "no item
// words".
Name BuildName(const Text& text, uint32_t first, uint32_t last);

// The best name among the chunks of [first, last) separated by emojis, colons and sentence ends
// ("Laptop deals 🔥 Dell Latitude 7490" -> "Dell Latitude 7490").
Name BuildBestName(const Text& text, uint32_t first, uint32_t last);

// BuildBestName's choice and scores without the name's text, words and spans, which cost more to
// build than the choice: SpellName adds them. word_count is 0 when there is no name.
Name ChooseBestName(const Text& text, uint32_t first, uint32_t last);
void SpellName(const Text& text, Name* name);

// True for words that never belong in a catalog name ("new", "arrivals", "restocked", "available",
// "mpya", "ziko").
bool IsNameFiller(HashedWord lower_word);

// True for words that name a quantity or container rather than an item ("jar", "bucket", "pack",
// "kipande", "per", "each"), so a price line made only of them is a variant of the item above.
bool IsUnitNoun(HashedWord lower_word);

// The English word for a Swahili item word ("magauni" -> "Dress"), or "" when it has none.
std::string_view TranslateSwahili(std::string_view lower_word);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_NAMING_H_
