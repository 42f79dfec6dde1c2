// Confidence: the probability that a seller accepts a field (and the product: every field) as the
// extractor drafted it. Extract describes each product's reading by a few discrete features (how
// the price was read, how many prices compete, how the name was found, what the category rests
// on, ...); each field's probability is a pessimistic estimate of the share of products with the
// same reading whose field needed no edit, on posts the rules were not built on (the calibration
// set; the dev set at a lower weight fills in the classes it lacks: confidence_table.h, fitted by
// tests/extraction/calibrate.py and checked there by 5-fold cross-validation). A reading fragile by
// construction is capped below the auto-approve threshold whatever the table says.
#ifndef VENDLY_SRC_CONFIDENCE_H_
#define VENDLY_SRC_CONFIDENCE_H_

#include <string>
#include <vector>

#include "vendly/extract.h"

namespace vendly::internal {

// What the category rests on, strongest first: the head noun of the name (or its last two words as
// a lexicon phrase), a brand in the name, another word of the name, a word elsewhere in the item's
// lines, only hashtags, nothing at all (the default category).
enum CategoryEvidence : int {
  kHeadNoun = 0,
  kBrand = 1,
  kNameWord = 2,
  kCaptionWord = 3,
  kHashtagOnly = 4,
  kNone = 5,
};

// What the extractor knows about one product's reading.
struct ConfidenceFeatures {
  // Price: strength of the chosen selling price (prices.h Money::strength), -1 when none.
  int price_strength = -1;
  int price_candidates = 0;     // distinct amounts in the strongest tier of the item's prices
  bool price_explicit = false;  // a currency mark was written beside it
  bool price_risky = false;     // read through a pattern that can misread (Money::risky)
  bool price_tiny = false;      // a written mark with an amount too small for the currency
  // A 1-2 digit amount in a currency whose prices run in thousands, or a 1-digit one with no mark.
  bool price_small = false;
  bool dm_for_price = false;  // no price, and the caption asks to DM for it
  bool has_old = false;       // an old price was read
  bool old_risky = false;     // ... through a risky pattern
  // Name.
  int name_head = 0;  // lexicon weight of the head noun
  int name_item = 0;  // sum of the lexicon weights of its words
  int name_words = 0;
  bool name_translated = false;  // words translated from Swahili
  bool name_rivals = false;      // its line names another item too
  bool name_competing = false;   // another line of a one-item post names an item as well
  bool name_fallback = false;    // no line before the price named the item: taken from further on
  bool name_inherited = false;   // a list item that took the header's head noun
  bool name_split = false;       // its line is one chunk of a caption line listing several items
  int name_line = 0;             // the line it was read from (0 is the caption's first)
  bool name_on_price_line = false;  // read from the line that carries the price
  int name_unknown = 0;             // words no lexicon knows (no category word, brand or colour)
  bool name_number_first = false;   // the name starts with a number or a measurement
  int name_line_extra = 0;          // words of its line outside the name
  int name_others = 0;    // other lines of a one-item post with item words (item score >= 2)
  int content_lines = 0;  // lines that are not empty, hashtags, contacts or fees
  // Structure of the post.
  bool multi = false;            // one of several items
  bool list_layout = false;      // the items come from list-marked lines
  bool all_priced = false;       // every item line carries its own price
  bool non_product_cue = false;  // the post also reads like a greeting, giveaway, ...
  // Category and variants.
  double category_score = 0;   // CategoryScorer::Best's margin-and-strength score
  double category_margin = 0;  // (best - runner-up) / best of the category scores, 0 when none
  int category_evidence = kNone;
  int category_name_weight = 0;     // the strongest lexicon weight of a name word for the category
  bool category_contested = false;  // an item sellers file under two categories (a fridge)
  bool service = false;  // the post offers a service (a salon, a repair): LABELING.md does not say
                         // whether that is a product, nor under which category
  int sizes = 0;
  bool sizes_shared = false;  // some sizes come from a line shared by the items of a list post
  int size_spans = 0;         // caption pieces the sizes were read from (fewer than sizes: a range)
  bool sizes_shared_named = false;  // ... and that shared line names an item: sizes of one item?
  bool sizes_mixed = false;         // letter sizes and number sizes together: two items' sizes?
  int size_numbers_unread = 0;      // numbers on the lines sizes were read from, not read as sizes
  int unread_number_lines =
      0;                 // item lines mostly of numbers (measures aside) nothing was read from
  bool fashion = false;  // the category is Fashion & Apparel, whose items have sizes
  int colors = 0;
  bool explicit_colors = false;
};

// True when the price reading is fragile by construction: two competing prices, a risky pattern, a
// tiny or 1-2 digit amount where prices run in thousands.
bool FragilePrice(const ConfidenceFeatures& f);
// True when the category rests on distant or weak evidence only: no word of the name (only a word
// elsewhere in the item's lines, a hashtag or nothing: the default category), or only words of the
// name the lexicon takes as hints (weight 1: "kids", "leather"); or when it is a choice between two
// (a contested item, IsContestedCategoryName) or the post offers a service.
bool FragileCategory(const ConfidenceFeatures& f);
// True when the sizes may be another item's: read from a list post's shared line that names an
// item ("M-XL for the shirts, 30-36 for the trousers"), letter and number sizes mixed, numbers left
// unread on a line sizes were read from ("small, medium and 41, 42"); or, for a fashion item, a
// line mostly of numbers nothing was read from ("UK 8, UK 10, UK 12": sizes missed).
bool FragileSizes(const ConfidenceFeatures& f);
// True when the name is a guess by construction: taken from a fallback line, from one chunk of a
// caption line that lists several items (the dev set has none to measure such readings by), or
// with words translated from Swahili (the seller's own English title differs as often as not: half
// of such names were accepted on the calibration set, against 0.82 for the others).
bool FragileName(const ConfidenceFeatures& f);

// Every field's probability of being accepted, and the product's (returned).
double ScoreConfidence(const ConfidenceFeatures& f, FieldScores* fields);

// Extract, also handing back each product's features (in product order) when `features` is not
// null.
Extraction ExtractWithFeatures(const Post& post, std::vector<ConfidenceFeatures>* features);

// The features as one JSON object (the CLI's --features output, read by calibrate.py).
std::string FeaturesJson(const ConfidenceFeatures& f);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_CONFIDENCE_H_
