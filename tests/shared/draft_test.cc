#include "vendly/draft.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace vendly {
namespace {

using nlohmann::json;
using List = std::vector<std::string>;

Draft GoodDraft() {
  Draft d;
  d.name = "Blue Denim Jacket";
  d.description = "Quality denim.";
  d.price = 2500;
  d.currency = "KES";
  d.category = "Fashion & Apparel";
  d.sizes = {"M", "L"};
  d.colors = {"blue"};
  d.tags = {"denim"};
  return d;
}

// The codes of the errors for `field`, in order.
List Codes(const std::vector<FieldError>& errors, const std::string& field) {
  List codes;
  for (const FieldError& e : errors) {
    if (e.field == field) codes.push_back(e.code);
  }
  return codes;
}

TEST(Draft, GoodDraftHasNoErrors) { EXPECT_TRUE(ValidateDraft(GoodDraft()).empty()); }

TEST(Draft, FromProductCopiesAndNormalises) {
  Product p;
  p.name = "  Blue   Denim Jacket ";
  p.price = 2500;
  p.currency = "kes";
  p.category = "fashion & apparel";
  p.sizes = {"m", "38-39"};
  p.colors = {"Nyekundu"};
  p.tags = {"#Denim", "denim"};
  Draft d = DraftFromProduct(p);
  EXPECT_EQ(d.name, "Blue Denim Jacket");
  EXPECT_EQ(d.currency, "KES");
  EXPECT_EQ(d.category, "Fashion & Apparel");
  EXPECT_EQ(d.sizes, (List{"M", "38", "39"}));
  EXPECT_EQ(d.colors, List{"red"});
  EXPECT_EQ(d.tags, List{"denim"});
  EXPECT_EQ(d.price, 2500);
}

TEST(Draft, ProductFromDraftIsItsInverse) {
  Draft d = GoodDraft();
  d.old_price = 3000;
  Product p = ProductFromDraft(d);
  EXPECT_EQ(p.name, d.name);
  EXPECT_EQ(p.price, d.price);
  EXPECT_EQ(p.old_price, d.old_price);
  EXPECT_EQ(p.category, d.category);
  EXPECT_EQ(p.sizes, d.sizes);
  EXPECT_EQ(p.tags, d.tags);
  Draft back = DraftFromProduct(p);
  EXPECT_EQ(back.name, d.name);
  EXPECT_EQ(back.description, d.description);
  EXPECT_EQ(back.currency, d.currency);
  EXPECT_EQ(back.colors, d.colors);
  EXPECT_EQ(back.old_price, d.old_price);
}

// --- ApplyEdits

TEST(Draft, AppliesEveryEditableField) {
  DraftResult r = ApplyEdits(GoodDraft(), json::parse(R"({
    "name":"  Red   Dress ", "description":"Nice\n\n\n\nlong  dress  ", "price":1800,
    "compareAtPrice":2000, "category":"fashion & apparel", "tags":["#Dress","dress"],
    "sizes":["free size"], "colors":["nyekundu","Red"], "currency":"ugx"})"));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.draft.name, "Red Dress");
  EXPECT_EQ(r.draft.description, "Nice\n\nlong dress");
  EXPECT_EQ(r.draft.price, 1800);
  EXPECT_EQ(r.draft.old_price, 2000);
  EXPECT_EQ(r.draft.category, "Fashion & Apparel");
  EXPECT_EQ(r.draft.tags, List{"dress"});
  EXPECT_EQ(r.draft.sizes, List{"One Size"});
  EXPECT_EQ(r.draft.colors, List{"red"});
  EXPECT_EQ(r.draft.currency, "UGX");
}

TEST(Draft, EditsNormaliseSizesAndColours) {
  DraftResult r = ApplyEdits(GoodDraft(), json::parse(R"({"sizes":["38-41","UK 8","xl"],
      "colors":["nyeusi","nyeupe","bluu","kijani","njano","kahawia","pinki","zambarau","kijivu","BLACK"]})"));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.draft.sizes, (List{"38", "39", "40", "41", "8", "XL"}));
  EXPECT_EQ(r.draft.colors,
            (List{"black", "white", "blue", "green", "yellow", "brown", "pink", "purple", "grey"}));
}

TEST(Draft, EmptyEditsChangeNothing) {
  DraftResult r = ApplyEdits(GoodDraft(), json::object());
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(DraftToJson(r.draft), DraftToJson(GoodDraft()));
}

TEST(Draft, UnknownEditKeyIsAFieldError) {
  DraftResult r = ApplyEdits(GoodDraft(), json::parse(R"({"colour":["red"],"name":"Coat"})"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].field, "colour");
  EXPECT_EQ(r.errors[0].code, "unknown_field");
  EXPECT_EQ(r.draft.name, "Coat");  // the known key still applies
  EXPECT_EQ(r.draft.colors, List{"blue"});
}

TEST(Draft, WrongTypesAreFieldErrorsAndKeepTheOldValue) {
  DraftResult r = ApplyEdits(GoodDraft(), json::parse(R"({"name":5,"price":"2,500",
      "compareAtPrice":[1],"tags":"denim","sizes":["M",7],"colors":{"a":1},"currency":true,
      "category":3.5,"description":[]})"));
  EXPECT_EQ(r.errors.size(), 9u);
  for (const FieldError& e : r.errors) {
    EXPECT_EQ(e.code, "wrong_type") << e.field;
    EXPECT_FALSE(e.message.empty());
  }
  EXPECT_EQ(DraftToJson(r.draft), DraftToJson(GoodDraft()));
  EXPECT_EQ(Codes(r.errors, "compare_at_price"), List{"wrong_type"});  // reported by its draft key
}

TEST(Draft, NullClearsOptionalFields) {
  Draft d = GoodDraft();
  d.old_price = 3000;
  DraftResult r = ApplyEdits(d, json::parse(R"({"price":null,"compareAtPrice":null,
      "description":null,"tags":null,"sizes":null,"colors":null})"));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_FALSE(r.draft.price.has_value());
  EXPECT_FALSE(r.draft.old_price.has_value());
  EXPECT_EQ(r.draft.description, "");
  EXPECT_TRUE(r.draft.tags.empty() && r.draft.sizes.empty() && r.draft.colors.empty());
}

TEST(Draft, NullOnRequiredFieldIsAnError) {
  DraftResult r =
      ApplyEdits(GoodDraft(), json::parse(R"({"name":null,"currency":null,"category":null})"));
  EXPECT_EQ(Codes(r.errors, "name"), List{"required"});
  EXPECT_EQ(Codes(r.errors, "currency"), List{"required"});
  EXPECT_EQ(Codes(r.errors, "category"), List{"required"});
  EXPECT_EQ(r.draft.name, "Blue Denim Jacket");
}

TEST(Draft, EditsThatAreNotAnObjectAreOneError) {
  for (const char* text : {"[]", "null", "3", "\"name\""}) {
    DraftResult r = ApplyEdits(GoodDraft(), json::parse(text));
    ASSERT_EQ(r.errors.size(), 1u) << text;
    EXPECT_EQ(r.errors[0].code, "not_an_object");
  }
}

TEST(Draft, SnakeCaseCompareAtPriceIsNotAnEditKey) {
  DraftResult r = ApplyEdits(GoodDraft(), json::parse(R"({"compare_at_price":3000})"));
  EXPECT_EQ(Codes(r.errors, "compare_at_price"), List{"unknown_field"});
}

// --- ValidateDraft

TEST(Draft, RequiresName) {
  Draft d = GoodDraft();
  d.name = "   ";
  EXPECT_EQ(Codes(ValidateDraft(d), "name"), List{"required"});
}

TEST(Draft, LimitsNameLengthInCharacters) {
  Draft d = GoodDraft();
  d.name = std::string(120, 'a');
  EXPECT_TRUE(ValidateDraft(d).empty());
  d.name = std::string(121, 'a');
  EXPECT_EQ(Codes(ValidateDraft(d), "name"), List{"too_long"});
  d.name.clear();
  for (int i = 0; i < 120; ++i) d.name += "\xC3\xA9";  // 120 characters, 240 bytes
  EXPECT_TRUE(ValidateDraft(d).empty());
}

TEST(Draft, RejectsNegativePrice) {
  Draft d = GoodDraft();
  d.price = -5;
  std::vector<FieldError> errors = ValidateDraft(d);
  EXPECT_EQ(Codes(errors, "price"), List{"not_positive"});
  EXPECT_NE(errors[0].message.find("more than 0"), std::string::npos);
}

TEST(Draft, RejectsZeroPrice) {
  Draft d = GoodDraft();
  d.price = 0;
  EXPECT_EQ(Codes(ValidateDraft(d), "price"), List{"not_positive"});
}

TEST(Draft, AllowsAbsentPrice) {
  Draft d = GoodDraft();
  d.price.reset();
  EXPECT_TRUE(ValidateDraft(d).empty());
}

TEST(Draft, RejectsNonFiniteAndHugePrices) {
  Draft d = GoodDraft();
  d.price = std::numeric_limits<double>::infinity();
  EXPECT_EQ(Codes(ValidateDraft(d), "price"), List{"not_finite"});
  d.price = std::nan("");
  EXPECT_EQ(Codes(ValidateDraft(d), "price"), List{"not_finite"});
  d.price = 2e9;
  EXPECT_EQ(Codes(ValidateDraft(d), "price"), List{"too_large"});
  d.price = kMaxPrice;
  EXPECT_TRUE(ValidateDraft(d).empty());
}

TEST(Draft, CompareAtPriceMustExceedPrice) {
  Draft d = GoodDraft();
  d.old_price = 2500;
  EXPECT_EQ(Codes(ValidateDraft(d), "compare_at_price"), List{"not_above_price"});
  d.old_price = 2000;
  EXPECT_EQ(Codes(ValidateDraft(d), "compare_at_price"), List{"not_above_price"});
  d.old_price = 3000;
  EXPECT_TRUE(ValidateDraft(d).empty());
  d.old_price = -1;
  EXPECT_EQ(Codes(ValidateDraft(d), "compare_at_price"), List{"not_positive"});
}

TEST(Draft, CompareAtPriceNeedsAPrice) {
  Draft d = GoodDraft();
  d.price.reset();
  d.old_price = 3000;
  EXPECT_EQ(Codes(ValidateDraft(d), "compare_at_price"), List{"without_price"});
}

TEST(Draft, RequiresAKnownCurrency) {
  Draft d = GoodDraft();
  d.currency = "XYZ";
  EXPECT_EQ(Codes(ValidateDraft(d), "currency"), List{"unknown_currency"});
  d.currency = "";
  EXPECT_EQ(Codes(ValidateDraft(d), "currency"), List{"required"});
  for (const char* code : {"KES", "UGX", "TZS", "RWF", "NGN", "USD", "EUR", "GBP"}) {
    d.currency = code;
    EXPECT_TRUE(Codes(ValidateDraft(d), "currency").empty()) << code;
  }
}

TEST(Draft, RequiresOneOfTheNineCategories) {
  Draft d = GoodDraft();
  d.category = "Shoes";
  EXPECT_EQ(Codes(ValidateDraft(d), "category"), List{"unknown_category"});
  d.category = "fashion & apparel";  // not normalised: ValidateDraft takes the exact spelling
  EXPECT_EQ(Codes(ValidateDraft(d), "category"), List{"unknown_category"});
  d.category = "";
  EXPECT_EQ(Codes(ValidateDraft(d), "category"), List{"required"});
  for (const char* category : kCategories) {
    d.category = category;
    EXPECT_TRUE(ValidateDraft(d).empty()) << category;
  }
}

TEST(Draft, SizesAndColoursMustBeNormalised) {
  Draft d = GoodDraft();
  d.sizes = {"m"};
  EXPECT_EQ(Codes(ValidateDraft(d), "sizes"), List{"not_normalized"});
  d.sizes = {"38-40"};
  EXPECT_EQ(Codes(ValidateDraft(d), "sizes"), List{"not_normalized"});
  d.sizes = {"M", "M"};
  EXPECT_EQ(Codes(ValidateDraft(d), "sizes"), List{"duplicate"});
  d.sizes = {"M"};
  d.colors = {"Nyekundu"};
  EXPECT_EQ(Codes(ValidateDraft(d), "colors"), List{"not_normalized"});
  d.colors = {""};
  EXPECT_EQ(Codes(ValidateDraft(d), "colors"), List{"empty"});
  d.colors = {"red"};
  d.tags = {"#Denim"};
  EXPECT_EQ(Codes(ValidateDraft(d), "tags"), List{"not_normalized"});
}

TEST(Draft, ListsStayWithinLimits) {
  Draft d = GoodDraft();
  for (int i = 1; i <= 41; ++i) d.tags.push_back("tag" + std::to_string(i));
  EXPECT_EQ(Codes(ValidateDraft(d), "tags"), List{"too_many"});
  d.tags = {std::string(41, 'a')};
  EXPECT_EQ(Codes(ValidateDraft(d), "tags"), List{"too_long"});
  d.tags = {};
  d.sizes = {std::string(21, 'A')};
  EXPECT_EQ(Codes(ValidateDraft(d), "sizes"), List{"too_long"});
}

TEST(Draft, RejectsInvalidUtf8InEveryString) {
  const std::string bad = "Dress \xC3\x28";
  Draft d = GoodDraft();
  d.name = bad;
  EXPECT_EQ(Codes(ValidateDraft(d), "name"), List{"invalid_utf8"});
  d = GoodDraft();
  d.description = bad;
  EXPECT_EQ(Codes(ValidateDraft(d), "description"), List{"invalid_utf8"});
  d = GoodDraft();
  d.tags = {"ok", bad};
  EXPECT_EQ(Codes(ValidateDraft(d), "tags"), List{"invalid_utf8"});
  d = GoodDraft();
  d.colors = {"\xFF"};
  EXPECT_EQ(Codes(ValidateDraft(d), "colors"), List{"invalid_utf8"});
  d = GoodDraft();
  d.sizes = {"\xFF"};
  EXPECT_EQ(Codes(ValidateDraft(d), "sizes"), List{"invalid_utf8"});
  d = GoodDraft();
  d.currency = "\xFF\xFE";
  EXPECT_EQ(Codes(ValidateDraft(d), "currency"), List{"unknown_currency"});
}

TEST(Draft, EveryErrorHasASellerMessage) {
  Draft d;
  d.price = -1;
  d.old_price = -2;
  d.sizes = {"m"};
  std::vector<FieldError> errors = ValidateDraft(d);
  EXPECT_GE(errors.size(), 5u);
  for (const FieldError& e : errors) {
    EXPECT_FALSE(e.field.empty());
    EXPECT_FALSE(e.code.empty());
    EXPECT_GT(e.message.size(), 10u);
    EXPECT_EQ(e.message.back(), '.') << e.message;
  }
}

TEST(Draft, HugeInputsStayFast) {
  Draft d = GoodDraft();
  d.name = std::string(1 << 20, 'x');
  d.description = std::string(1 << 20, ' ');
  std::vector<std::string> sizes;
  for (int i = 0; i < 100000; ++i) sizes.push_back(std::to_string(i % 500));
  std::vector<std::string> forty(sizes.begin(), sizes.begin() + kMaxListEntries);
  json edits = {{"sizes", forty}, {"tags", forty}, {"colors", forty}};
  DraftResult r = ApplyEdits(d, edits);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.draft.sizes.size(), kMaxListEntries);
  r.draft.sizes = sizes;
  r.draft.sizes.resize(500);
  std::vector<FieldError> errors = ValidateDraft(r.draft);
  EXPECT_EQ(Codes(errors, "name"), List{"too_long"});
  EXPECT_EQ(Codes(errors, "sizes"), List{"too_many"});
  EXPECT_EQ(Slugify(d.name).size(), kMaxSlugLength);
}

TEST(Draft, EditsPastTheirRegistryLimitsAreRefusedWhenRead) {
  const Draft d = GoodDraft();
  std::vector<std::string> many(kMaxListEntries + 1);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = std::to_string(i);
  json edits = {{"name", std::string(kMaxNameLength + 1, 'x')},
                {"description", std::string(1 << 20, 'y')},
                {"category", std::string(200, 'z')},
                {"sizes", many},
                {"tags", {std::string(kMaxTagLength + 1, 't')}},
                {"colors", {"Red"}}};
  DraftResult r = ApplyEdits(d, edits);
  EXPECT_EQ(Codes(r.errors, "name"), List{"too_long"});
  EXPECT_EQ(Codes(r.errors, "description"), List{"too_long"});
  EXPECT_EQ(Codes(r.errors, "category"), List{"too_long"});
  EXPECT_EQ(Codes(r.errors, "sizes"), List{"too_many"});
  EXPECT_EQ(Codes(r.errors, "tags"), List{"too_long"});
  EXPECT_TRUE(Codes(r.errors, "colors").empty());
  EXPECT_EQ(r.draft.name, d.name);
  EXPECT_EQ(r.draft.description, d.description);
  EXPECT_EQ(r.draft.sizes, d.sizes);
  // At the limit is accepted (code points, not bytes: each of these is two bytes).
  std::string name;
  for (std::size_t i = 0; i < kMaxNameLength; ++i) name += "\xc3\xa9";
  r = ApplyEdits(d, json{{"name", name}});
  EXPECT_TRUE(r.errors.empty());
}

// --- Slugify

TEST(Draft, SlugifiesToLowerAsciiWithSingleDashes) {
  EXPECT_EQ(Slugify("Blue Denim Jacket"), "blue-denim-jacket");
  EXPECT_EQ(Slugify("  --Blue!!  Denim__Jacket--  "), "blue-denim-jacket");
  EXPECT_EQ(Slugify("iPhone 13 Pro (128GB)"), "iphone-13-pro-128gb");
}

TEST(Draft, SlugFoldsAccentsAndDropsEmojis) {
  EXPECT_EQ(Slugify("Crème Brûlée"), "creme-brulee");
  EXPECT_EQ(Slugify("Straße Łódź"), "strasse-lodz");
  EXPECT_EQ(Slugify("\xF0\x9F\x94\xA5 Hot Dress \xF0\x9F\x91\x97"), "hot-dress");
  EXPECT_EQ(Slugify("Men's Shirt"), "mens-shirt");
  EXPECT_EQ(Slugify("Men\xE2\x80\x99s Shirt"), "mens-shirt");
  EXPECT_EQ(Slugify("Home & Living"), "home-and-living");
}

TEST(Draft, SlugIsNeverEmpty) {
  EXPECT_EQ(Slugify(""), "product");
  EXPECT_EQ(Slugify("\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5 !!!"), "product");
  EXPECT_EQ(Slugify("\xFF\xFE\xC3"), "product");
  EXPECT_EQ(Slugify("\xE5\x8F\xA4\xE7\x9D\x80"), "product");  // CJK only
}

TEST(Draft, SlugIsCutAtAWordBoundary) {
  std::string name;
  for (int i = 0; i < 30; ++i) name += "word ";
  const std::string slug = Slugify(name);
  EXPECT_LE(slug.size(), kMaxSlugLength);
  EXPECT_NE(slug.back(), '-');
  EXPECT_EQ(slug.substr(slug.size() - 4), "word");
}

TEST(Draft, UniqueSlugCountsUp) {
  EXPECT_EQ(UniqueSlug("Red Dress", {}), "red-dress");
  EXPECT_EQ(UniqueSlug("Red Dress", {"red-dress"}), "red-dress-2");
  EXPECT_EQ(UniqueSlug("Red Dress", {"red-dress", "red-dress-2", "red-dress-4"}), "red-dress-3");
  EXPECT_EQ(UniqueSlug("Red Dress", {"red-dress-2"}), "red-dress");
  EXPECT_EQ(UniqueSlug("", {"product"}), "product-2");
}

TEST(Draft, UniqueSlugStaysWithinTheLimit) {
  const std::string name(200, 'a');
  const std::string base = Slugify(name);
  const std::string next = UniqueSlug(name, {base});
  EXPECT_EQ(next.size(), kMaxSlugLength);
  EXPECT_EQ(next.substr(next.size() - 2), "-2");
  std::vector<std::string> taken = {base};
  for (int i = 2; i < 120; ++i) taken.push_back(UniqueSlug(name, taken));
  EXPECT_EQ(taken.back().substr(taken.back().size() - 4), "-119");
  EXPECT_LE(taken.back().size(), kMaxSlugLength);
}

// --- JSON shape

TEST(Draft, JsonRoundTripKeepsKeyOrderAndIntegers) {
  Draft d = GoodDraft();
  d.old_price = 2999.5;
  EXPECT_EQ(DraftToJson(d).dump(),
            R"({"name":"Blue Denim Jacket","description":"Quality denim.","price":2500,)"
            R"("currency":"KES","compare_at_price":2999.5,"category":"Fashion & Apparel",)"
            R"("sizes":["M","L"],"colors":["blue"],"tags":["denim"]})");
  DraftResult back = DraftFromJson(json::parse(DraftToJson(d).dump()));
  EXPECT_TRUE(back.errors.empty());
  EXPECT_EQ(DraftToJson(back.draft), DraftToJson(d));
}

TEST(Draft, FromJsonIgnoresExtraKeysAndReportsWrongTypes) {
  DraftResult r = DraftFromJson(json::parse(R"({"name":"Coat","sold_out":true,"confidence":0.9,
      "price":"cheap","sizes":[1,2]})"));
  EXPECT_EQ(r.draft.name, "Coat");
  EXPECT_EQ(Codes(r.errors, "price"), List{"wrong_type"});
  EXPECT_EQ(Codes(r.errors, "sizes"), List{"wrong_type"});
  EXPECT_EQ(r.errors.size(), 2u);
}

// Found by draft_fuzz: "# #" normalised to "#", which then normalised to "".
TEST(Draft, FuzzRegressionHashOnlyTagsAreDropped) {
  Draft d = GoodDraft();
  d.tags = {"\v#\v#", "# #sale", "##"};
  EXPECT_EQ(NormalizeDraft(d).tags, List{"sale"});
  EXPECT_TRUE(ValidateDraft(NormalizeDraft(d)).empty());
}

TEST(Draft, SlugDropsCombiningAccents) {
  EXPECT_EQ(Slugify("Cre\xCC\x80me"), "creme");  // "e" + U+0300, as macOS writes it
}

TEST(Draft, NormaliseDropsControlCharacters) {
  Draft d = GoodDraft();
  d.name = std::string("Red\0 Dress\x1B", 11);
  d.description = "Line one\x7F\nLine two";
  d.tags = {std::string("sa\0le", 5)};
  Draft n = NormalizeDraft(d);
  EXPECT_EQ(n.name, "Red Dress");
  EXPECT_EQ(n.description, "Line one\nLine two");
  EXPECT_EQ(n.tags, List{"sale"});
}

}  // namespace
}  // namespace vendly

namespace vendly {
namespace {

TEST(DraftFields, EditKeysAndFieldNamesMapBothWays) {
  EXPECT_EQ(EditKeyOfField("compare_at_price"), "compareAtPrice");
  EXPECT_EQ(FieldOfEditKey("compareAtPrice"), "compare_at_price");
  for (const char* field : {"name", "description", "price", "currency", "category", "sizes",
                            "colors", "tags", "compare_at_price"})
    EXPECT_EQ(FieldOfEditKey(EditKeyOfField(field)), field);
  EXPECT_EQ(EditKeyOfField("sold_out"), "");
  EXPECT_EQ(FieldOfEditKey("compare_at_price"), "");  // a draft key is not an edit key
  // Every edit key is one ApplyEdits accepts.
  for (const char* field : {"name", "price", "compare_at_price", "tags"}) {
    DraftResult r =
        ApplyEdits(Draft{}, nlohmann::json{{std::string(EditKeyOfField(field)), nullptr}});
    for (const auto& e : r.errors) EXPECT_NE(e.code, "unknown_field") << field;
  }
}

}  // namespace
}  // namespace vendly
