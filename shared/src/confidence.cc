#include "confidence.h"

#include <algorithm>

#include "confidence_table.h"
#include "json_writer.h"
#include "vendly/registry.h"

namespace vendly::internal {
namespace {

constexpr double kFragileCap = kFragileConfidenceCap;  // vendly/registry.h

// The reading classes the table is indexed by. calibrate.py reads them from --features and never
// recomputes them, so the classes are defined here only.
int StructureClass(const ConfidenceFeatures& f) {
  int s = !f.multi ? 0 : (f.list_layout ? 1 : (f.all_priced ? 2 : 3));
  return s + (f.non_product_cue ? 4 : 0);
}

int PriceClass(const ConfidenceFeatures& f) {
  if (f.price_strength < 0) return f.dm_for_price ? 0 : 1;
  if (f.price_strength >= 3) return f.price_explicit ? 2 : 3;
  return f.price_strength == 2 ? 4 : 5;
}

int CurrencyClass(const ConfidenceFeatures& f) {
  return f.price_strength >= 0 && f.price_explicit ? 0 : 1;
}

int CompareAtClass(const ConfidenceFeatures& f) { return f.has_old ? 1 : 0; }

// One of several items (a list line names it) or a one-item post (the title is chosen among its
// lines), times the name's doubts (0, 1, 2, 3 or more): one word only, few item words, words
// translated from Swahili, another item on its line, another line naming an item as well, a price
// written without a currency mark (an informal post, whose title is a guess more often), a name
// starting with a number or a measurement, a line with three or more words besides the name, a
// name that is the whole first line of a caption of five or more content lines (a headline as
// often as a title).
int NameClass(const ConfidenceFeatures& f) {
  const bool whole_first_line = f.name_line == 0 && f.name_line_extra == 0 && f.content_lines >= 5;
  int doubts = (f.name_words < 2) + (f.name_item < 3) + f.name_translated + f.name_rivals +
               f.name_competing + (f.price_strength >= 0 && !f.price_explicit) +
               f.name_number_first + (f.name_line_extra >= 3) + whole_first_line;
  return (f.multi ? 0 : 4) + std::min(doubts, 3);
}

// The kind of evidence (the name's head noun, a brand in it, another of its words; each with a
// clear margin over the runner-up category, or not), then distant evidence: a word elsewhere in
// the item's lines, only hashtags, nothing.
int CategoryClass(const ConfidenceFeatures& f) {
  if (f.category_evidence <= kNameWord) return f.category_margin >= 0.5 ? f.category_evidence : 3;
  return 4 + (f.category_evidence - kCaptionWord);
}

// No sizes; a few sizes read one by one from the item's own lines; a range or five or more; sizes
// from a line shared by a list post's items.
int SizesClass(const ConfidenceFeatures& f) {
  if (f.sizes == 0) return 0;
  if (f.sizes_shared) return 3;
  return f.sizes >= 5 || f.size_spans < f.sizes ? 2 : 1;
}

int ColorsClass(const ConfidenceFeatures& f) {
  return f.colors == 0 ? 0 : (f.explicit_colors ? 1 : 2);
}

}  // namespace

bool FragilePrice(const ConfidenceFeatures& f) {
  if (f.price_strength < 0) return false;
  return f.price_candidates > 1 || f.price_risky || f.price_tiny || f.price_small ||
         (f.has_old && f.old_risky);
}

bool FragileName(const ConfidenceFeatures& f) {
  return f.name_fallback || f.name_split || f.name_translated;
}

bool FragileCategory(const ConfidenceFeatures& f) {
  return f.category_evidence >= kCaptionWord || f.category_name_weight <= 1 ||
         f.category_contested || f.service;
}

bool FragileSizes(const ConfidenceFeatures& f) {
  if (f.fashion && f.unread_number_lines > 0) return true;
  return f.sizes > 0 && (f.sizes_shared_named || f.sizes_mixed || f.size_numbers_unread > 0);
}

double ScoreConfidence(const ConfidenceFeatures& f, FieldScores* fields) {
  using namespace confidence_table;
  fields->price = kPrice[PriceClass(f)];
  fields->currency = kCurrency[CurrencyClass(f)];
  fields->old_price = kCompareAt[CompareAtClass(f)];
  fields->name = kName[NameClass(f)];
  fields->category = kCategory[CategoryClass(f)];
  fields->sizes = kSizes[SizesClass(f)];
  fields->colors = kColors[ColorsClass(f)];
  // The fields' errors are taken as independent; the structure term is the chance that the product
  // is one the seller wants at all (not a split or a merge of items).
  double p = kStructure[StructureClass(f)];
  p *= fields->name;
  p *= fields->price;
  p *= fields->currency;
  p *= fields->old_price;
  p *= fields->category;
  p *= fields->sizes;
  p *= fields->colors;
  // A fragile reading is capped, field and product alike (a cap, not one more factor).
  const bool fragile_price = FragilePrice(f);
  const bool fragile_name = FragileName(f);
  if (fragile_price) {
    fields->price = std::min(fields->price, kFragileCap);
    if (f.has_old && f.old_risky) {
      fields->old_price = std::min(fields->old_price, kFragileCap);
    }
  }
  const bool fragile_category = FragileCategory(f);
  const bool fragile_sizes = FragileSizes(f);
  if (fragile_name) fields->name = std::min(fields->name, kFragileCap);
  if (fragile_category) fields->category = std::min(fields->category, kFragileCap);
  if (fragile_sizes) fields->sizes = std::min(fields->sizes, kFragileCap);
  if (fragile_price || fragile_name || fragile_category || fragile_sizes) {
    p = std::min(p, kFragileCap);
  }
  return p;
}

std::string FeaturesJson(const ConfidenceFeatures& f) {
  std::string out;
  {
    JsonWriter w(&out, 512);
    w.BeginObject();
    w.Key("classes");
    w.BeginObject();
    w.Key("structure");
    w.Int(StructureClass(f));
    w.Key("price");
    w.Int(PriceClass(f));
    w.Key("currency");
    w.Int(CurrencyClass(f));
    w.Key(FieldInfoOf(Field::kOldPrice).cli);
    w.Int(CompareAtClass(f));
    w.Key("name");
    w.Int(NameClass(f));
    w.Key("category");
    w.Int(CategoryClass(f));
    w.Key("sizes");
    w.Int(SizesClass(f));
    w.Key("colors");
    w.Int(ColorsClass(f));
    w.EndObject();
    w.Key("fragile_price");
    w.Bool(FragilePrice(f));
    w.Key("fragile_name");
    w.Bool(FragileName(f));
    w.Key("fragile_category");
    w.Bool(FragileCategory(f));
    w.Key("fragile_sizes");
    w.Bool(FragileSizes(f));
    struct {
      const char* key;
      int value;
    } const ints[] = {{"price_strength", f.price_strength},
                      {"price_candidates", f.price_candidates},
                      {"price_explicit", f.price_explicit},
                      {"price_risky", f.price_risky},
                      {"price_tiny", f.price_tiny},
                      {"price_small", f.price_small},
                      {"dm_for_price", f.dm_for_price},
                      {"has_old", f.has_old},
                      {"old_risky", f.old_risky},
                      {"name_head", f.name_head},
                      {"name_item", f.name_item},
                      {"name_words", f.name_words},
                      {"name_translated", f.name_translated},
                      {"name_rivals", f.name_rivals},
                      {"name_competing", f.name_competing},
                      {"name_fallback", f.name_fallback},
                      {"name_inherited", f.name_inherited},
                      {"name_split", f.name_split},
                      {"name_line", f.name_line},
                      {"name_on_price_line", f.name_on_price_line},
                      {"name_unknown", f.name_unknown},
                      {"name_number_first", f.name_number_first},
                      {"name_line_extra", f.name_line_extra},
                      {"name_others", f.name_others},
                      {"content_lines", f.content_lines},
                      {"multi", f.multi},
                      {"list_layout", f.list_layout},
                      {"all_priced", f.all_priced},
                      {"non_product_cue", f.non_product_cue},
                      {"category_evidence", f.category_evidence},
                      {"category_name_weight", f.category_name_weight},
                      {"category_contested", f.category_contested},
                      {"service", f.service},
                      {"sizes", f.sizes},
                      {"sizes_shared", f.sizes_shared},
                      {"size_spans", f.size_spans},
                      {"sizes_shared_named", f.sizes_shared_named},
                      {"sizes_mixed", f.sizes_mixed},
                      {"size_numbers_unread", f.size_numbers_unread},
                      {"unread_number_lines", f.unread_number_lines},
                      {"fashion", f.fashion},
                      {"colors", f.colors},
                      {"explicit_colors", f.explicit_colors}};
    for (const auto& kv : ints) {
      w.Key(kv.key);
      w.Int(kv.value);
    }
    w.Key("category_score");
    w.Int(static_cast<long long>(f.category_score * 1000 + 0.5));
    w.Key("category_margin");
    w.Int(static_cast<long long>(f.category_margin * 1000 + 0.5));
    w.EndObject();
  }
  return out;
}

}  // namespace vendly::internal
