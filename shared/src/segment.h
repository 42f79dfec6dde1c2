// Segmentation: which lines of a caption make up which product. Every line is first described (its
// list marker, prices, the item words before its price, whether it is a contact, fee, size or
// colour line). A post offering several distinct items (numbered or bulleted lists, one line per
// item with its own price) gives one segment per item line; price lines with no item words of their
// own ("1kg - 2,500", "S/M - 1,200", "Ksh 16,500") are variants of the item above them (or of the
// post's title); lines that are neither (shared "Sizes S, M, L for all", "Rangi ... kwa zote")
// apply to every item.
#ifndef VENDLY_SRC_SEGMENT_H_
#define VENDLY_SRC_SEGMENT_H_

#include <cstdint>
#include <vector>

#include "naming.h"
#include "prices.h"
#include "text.h"

namespace vendly::internal {

struct LineInfo {
  uint32_t content_first = 0;  // first token after the list marker ("1.", "•", "1️⃣", "📌")
  uint32_t last = 0;           // the line's token end
  uint32_t name_first = 0;     // the item words of a price line: before its first price
  uint32_t name_last = 0;
  bool list_marker = false;
  bool empty = true;
  bool hashtags_only = false;  // only hashtags, mentions and emojis
  bool contact = false;        // phone, till, "DM to order", WhatsApp, location, with no price
  bool fee = false;            // a fee or deposit and no price
  bool size_cue = false;
  bool color_cue = false;
  bool dm_for_price = false;  // "DM for price", "inbox for price", "price on request"
  bool sold = false;          // "SOLD OUT", "sold"
  bool has_content = false;   // item words in the name part
  std::vector<int> prices;    // indexes into the money list: selling prices on this line
  std::vector<int> olds;      // old prices on this line
};

struct Segment {
  std::vector<uint32_t> lines;  // the item's own lines (item line and its variant price lines)
  int name_line = -1;           // the line its name comes from
  bool title_item = false;  // the item is the post's title (named by the header, not a list line)
};

struct Segmentation {
  std::vector<LineInfo> lines;
  std::vector<Segment> items;          // one per product
  std::vector<uint32_t> shared_lines;  // lines whose sizes/colours apply to every item
  bool multi = false;
  int header_line = -1;      // a list post's title line, whose head noun unnamed items share
  bool list_layout = false;  // items come from list-marked lines

  // Line names, chosen once on first use and spelled out once when their text is needed (see
  // TitleName / ItemName). *_done: 0 not chosen yet, 1 chosen, 2 spelled out.
  std::vector<Name> title_names, item_names;
  std::vector<char> title_done, item_done;
};

// The name of a whole line (for choosing a post's title) and of a line's name part (the words
// before its price), each built once per line and cached in `seg`.
const Name& TitleName(const Text& text, Segmentation* seg, uint32_t line);
const Name& ItemName(const Text& text, Segmentation* seg, uint32_t line);
// ItemName moved out of the cache, for its last reader (Extract builds one product per item
// segment, and no two segments share a name line); the cache entry is left empty.
Name TakeItemName(const Text& text, Segmentation* seg, uint32_t line);
// TitleName's choice and scores only (ChooseBestName): its text, words and spans may be empty;
// word_count is 0 when the line has no name. Most title lines are only ever compared by score.
const Name& TitleScores(const Text& text, Segmentation* seg, uint32_t line);

// Splits lines that list several priced items separated by commas, semicolons or a spaced slash or
// bar ("Goat 900, beef 800, ugali 50", "FIFA 24 - 5,500, GTA V - 3,000", "Chapati – 20 / Mandazi –
// 10") into one line per item, so each becomes an item line. A line is
// split only when at least two of its comma chunks are item words followed by an amount that ends
// the chunk; sizes, specs, fees and old/new pairs never qualify.
void SplitItemLines(Text* text);

// Menus and price lists whose items cost less than the store's smallest bare price ("Chapati –
// 20", "Mandazi - 10", "Chai: 30", "Samosa @ 30"): when two or more lines read "<item words> <dash,
// colon or @> <bare amount>" and nothing after it, those amounts are the items' prices (list
// structure, strength 2) after all. Only amounts rejected for being small are read again; phones,
// sizes, units and years stay what they were.
void ReadMenuPrices(const Text& text, std::vector<Money>* money);

// Describes the lines of `text` and splits them into item segments. `money` is FindMoney's result.
Segmentation SegmentPost(const Text& text, const std::vector<Money>& money);

// True when tokens [first, last) hold an item word: not filler, unit, cue, size, colour or number.
bool HasItemWords(const Text& text, uint32_t first, uint32_t last);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_SEGMENT_H_
