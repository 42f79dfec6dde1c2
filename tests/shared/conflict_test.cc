// Resolving a sync conflict (shared/include/vendly/conflict.h), from what the sync integration test
// asserts (tests/server/sync_test.cc,
// EditedCaptionsUpdateProductsOrBecomeConflictsTheSellerResolves): "instagram" takes the caption's
// value, "vendly" keeps the product's, "value" takes the seller's once the draft rules accept it (a
// negative price is refused on "price"), and a resolved conflict is not resolved twice. Plus the
// choice's validation and what the draft rules do to a chosen value.
#include "vendly/conflict.h"

#include <gtest/gtest.h>

#include <string>

namespace vendly {
namespace {

using nlohmann::json;

// An approved phone whose seller raised the price to 710,000 (the caption said 700,000).
Draft Phone() {
  Draft d;
  d.name = "Tecno Spark 20 Pro 256GB";
  d.description = "New in box.";
  d.price = 710000;
  d.currency = "UGX";
  d.category = "Fashion & Apparel";
  d.tags = {"phone"};
  return d;
}

// The caption was edited to 680,000.
Conflict PriceConflict() { return {"price", json(680000), true}; }

SellerChoice Choose(ConflictChoice choice, json value = nullptr) { return {choice, value}; }

TEST(ConflictChoice, NamesRoundTripAndOthersAreNoChoice) {
  for (ConflictChoice c :
       {ConflictChoice::kInstagram, ConflictChoice::kVendly, ConflictChoice::kValue})
    EXPECT_EQ(ParseConflictChoice(ConflictChoiceName(c)), c);
  EXPECT_FALSE(ParseConflictChoice("seller"));
  EXPECT_FALSE(ParseConflictChoice("Instagram"));
  EXPECT_FALSE(ParseConflictChoice(""));
}

TEST(ReadSellerChoice, AnUnknownChoiceIsAnInvalidRequestNamingTheThree) {
  auto r = ReadSellerChoice("both", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), StatusKind::kInvalidArgument);
  EXPECT_EQ(r.status().code(), "invalid_request");
  EXPECT_NE(r.status().message().find("\"instagram\", \"vendly\" or \"value\""), std::string::npos);
}

TEST(ReadSellerChoice, ValueNeedsAValueAndNullIsOne) {
  auto missing = ReadSellerChoice("value", nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), "invalid_request");
  EXPECT_NE(missing.status().message().find("value is required"), std::string::npos);

  const json null_value = nullptr;
  auto cleared = ReadSellerChoice("value", &null_value);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->choice, ConflictChoice::kValue);
  EXPECT_TRUE(cleared->value.is_null());

  const json price = 1150000;
  auto given = ReadSellerChoice("value", &price);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->value, 1150000);
}

TEST(ReadSellerChoice, TheOtherChoicesIgnoreAValue) {
  const json price = 5;
  auto r = ReadSellerChoice("instagram", &price);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->choice, ConflictChoice::kInstagram);
  EXPECT_TRUE(r->value.is_null());
  auto v = ReadSellerChoice("vendly", nullptr);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->choice, ConflictChoice::kVendly);
}

TEST(ResolveConflict, InstagramTakesTheCaptionsValue) {
  ConflictDecision d =
      ResolveConflict(PriceConflict(), Phone(), Choose(ConflictChoice::kInstagram));
  ASSERT_TRUE(d.status.ok()) << d.status.message();
  EXPECT_EQ(d.product.price, 680000);
  EXPECT_EQ(d.resolution, "instagram");
  EXPECT_EQ(d.resolved_value, 680000);
  EXPECT_TRUE(d.errors.empty());
  // Only the conflict's field changes.
  Draft expected = Phone();
  expected.price = 680000;
  EXPECT_EQ(DraftToJson(d.product), DraftToJson(expected));
}

TEST(ResolveConflict, VendlyKeepsTheProductsValue) {
  ConflictDecision d = ResolveConflict(PriceConflict(), Phone(), Choose(ConflictChoice::kVendly));
  ASSERT_TRUE(d.status.ok()) << d.status.message();
  EXPECT_EQ(d.product.price, 710000);
  EXPECT_EQ(d.resolution, "seller");
  EXPECT_EQ(d.resolved_value, 710000);
  EXPECT_EQ(DraftToJson(d.product), DraftToJson(Phone()));
}

TEST(ResolveConflict, AValueOfTheSellersOwnIsCustom) {
  ConflictDecision d =
      ResolveConflict(PriceConflict(), Phone(), Choose(ConflictChoice::kValue, 1150000));
  ASSERT_TRUE(d.status.ok()) << d.status.message();
  EXPECT_EQ(d.product.price, 1150000);
  EXPECT_EQ(d.resolution, "custom");
  EXPECT_EQ(d.resolved_value, 1150000);
}

TEST(ResolveConflict, AValueTheDraftRulesRefuseIsAFieldErrorAndNoProduct) {
  ConflictDecision d =
      ResolveConflict(PriceConflict(), Phone(), Choose(ConflictChoice::kValue, -5));
  EXPECT_EQ(d.status.kind(), StatusKind::kRejected);
  EXPECT_EQ(d.status.code(), "validation_failed");
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].field, "price");
  EXPECT_EQ(d.errors[0].code, "not_positive");
  EXPECT_TRUE(d.resolution.empty());

  ConflictDecision wrong =
      ResolveConflict(PriceConflict(), Phone(), Choose(ConflictChoice::kValue, "cheap"));
  EXPECT_EQ(wrong.status.code(), "validation_failed");
  ASSERT_FALSE(wrong.errors.empty());
  EXPECT_EQ(wrong.errors[0].field, "price");
  EXPECT_EQ(wrong.errors[0].code, "wrong_type");
}

TEST(ResolveConflict, InstagramsValueIsJudgedByTheSameRules) {
  // The caption's old price is below the seller's price: that product could not be approved.
  const std::string old_price(FieldInfoOf(Field::kOldPrice).cli);
  ConflictDecision d =
      ResolveConflict({old_price, json(500000), true}, Phone(), Choose(ConflictChoice::kInstagram));
  EXPECT_EQ(d.status.code(), "validation_failed");
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].field, old_price);
  EXPECT_EQ(d.errors[0].code, "not_above_price");

  ConflictDecision ok =
      ResolveConflict({old_price, json(900000), true}, Phone(), Choose(ConflictChoice::kInstagram));
  ASSERT_TRUE(ok.status.ok()) << ok.status.message();
  EXPECT_EQ(ok.product.old_price, 900000);
  EXPECT_EQ(ok.resolved_value, 900000);
}

TEST(ResolveConflict, TheResolvedValueIsTheValueAfterTheDraftRules) {
  ConflictDecision d = ResolveConflict({"name", json("old"), true}, Phone(),
                                       Choose(ConflictChoice::kValue, "  Tecno   Spark 20  "));
  ASSERT_TRUE(d.status.ok()) << d.status.message();
  EXPECT_EQ(d.product.name, "Tecno Spark 20");
  EXPECT_EQ(d.resolved_value, "Tecno Spark 20");

  ConflictDecision currency =
      ResolveConflict({"currency", json("kes"), true}, Phone(), Choose(ConflictChoice::kInstagram));
  ASSERT_TRUE(currency.status.ok()) << currency.status.message();
  EXPECT_EQ(currency.product.currency, "KES");
  EXPECT_EQ(currency.resolved_value, "KES");
}

TEST(ResolveConflict, NullClearsAnOptionalFieldAndIsRefusedForARequiredOne) {
  ConflictDecision cleared = ResolveConflict({"description", json("Boxed."), true}, Phone(),
                                             Choose(ConflictChoice::kValue, nullptr));
  ASSERT_TRUE(cleared.status.ok()) << cleared.status.message();
  EXPECT_EQ(cleared.product.description, "");
  EXPECT_EQ(cleared.resolved_value, "");

  ConflictDecision dm =
      ResolveConflict(PriceConflict(), Phone(), Choose(ConflictChoice::kValue, nullptr));
  ASSERT_TRUE(dm.status.ok()) << dm.status.message();
  EXPECT_FALSE(dm.product.price);  // "DM for price"
  EXPECT_TRUE(dm.resolved_value.is_null());

  ConflictDecision nameless =
      ResolveConflict({"name", json(nullptr), true}, Phone(), Choose(ConflictChoice::kInstagram));
  EXPECT_EQ(nameless.status.code(), "validation_failed");
  ASSERT_FALSE(nameless.errors.empty());
  EXPECT_EQ(nameless.errors[0].field, "name");
  EXPECT_EQ(nameless.errors[0].code, "required");
}

TEST(ResolveConflict, AResolvedConflictIsNotResolvedAgain) {
  Conflict resolved = PriceConflict();
  resolved.open = false;
  ConflictDecision d = ResolveConflict(resolved, Phone(), Choose(ConflictChoice::kInstagram));
  EXPECT_EQ(d.status.kind(), StatusKind::kConflict);
  EXPECT_EQ(d.status.code(), "conflict_resolved");
  EXPECT_TRUE(d.resolution.empty());
}

TEST(ResolveConflict, AConflictOnNoFieldIsAnInternalError) {
  ConflictDecision d = ResolveConflict({"colour_of_box", json("red"), true}, Phone(),
                                       Choose(ConflictChoice::kVendly));
  EXPECT_EQ(d.status.kind(), StatusKind::kInternal);
  EXPECT_TRUE(d.resolution.empty());
}

}  // namespace
}  // namespace vendly
