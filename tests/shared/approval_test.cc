// Approval of a draft into a product (shared/include/vendly/approval.h), from what the scan and
// sync integration tests assert: a saved edit shows the core's verdict and an invalid draft cannot
// be approved; a rejected draft cannot be approved; approving twice returns the first product; the
// product carries the current fields (extraction plus edits), its slug base and the fields the
// seller changed.
#include "vendly/approval.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

using nlohmann::json;

// The old price's Draft JSON key (a function: the registry is not read before main).
std::string OldPriceKey() { return std::string(FieldInfoOf(Field::kOldPrice).cli); }

DraftResult Extracted() {
  return DraftFromJson(json{{"name", "Denim Jacket"},
                            {"price", 2500},
                            {"currency", "KES"},
                            {OldPriceKey(), 3000},
                            {"category", "Fashion & Apparel"},
                            {"sizes", {"M", "L"}},
                            {"colors", json::array()},
                            {"tags", {"denim"}}});
}

DraftToApprove Pending() {
  DraftToApprove d;
  d.status = ApprovalStatus::kPending;
  d.extracted = Extracted();
  return d;
}

TEST(MergeSellerEdits, NewEditsReplaceOldOnesAndNonObjectsReadAsEmpty) {
  EXPECT_EQ(MergeSellerEdits(json{{"name", "A"}, {"price", 1}}, json{{"name", "B"}}),
            (json{{"name", "B"}, {"price", 1}}));
  EXPECT_EQ(MergeSellerEdits(nullptr, json{{"tags", {"x"}}}), (json{{"tags", {"x"}}}));
  EXPECT_EQ(MergeSellerEdits("garbage", nullptr), json::object());
  EXPECT_EQ(MergeSellerEdits(json{{"name", "A"}}, json::array()), (json{{"name", "A"}}));
}

TEST(CurrentDraft, EditsApplyOverTheExtractionAndProblemsComeInOrder) {
  DraftResult current = CurrentDraft(
      Extracted(),
      json{{"name", "Blue Denim Jacket"}, {"price", 3000}, {"tags", {"denim", "#Jacket"}}});
  EXPECT_EQ(current.draft.name, "Blue Denim Jacket");
  EXPECT_EQ(current.draft.price, 3000);
  EXPECT_EQ(current.draft.tags, (std::vector<std::string>{"denim", "jacket"}));
  // old price 3000 is no longer above price 3000
  ASSERT_EQ(current.errors.size(), 1u);
  EXPECT_EQ(current.errors[0].field, OldPriceKey());

  // An unreadable extraction field, an unknown edit, then the validation's problems.
  DraftResult read = DraftFromJson(json{{"name", 5}, {"currency", "KES"}});
  DraftResult bad = CurrentDraft(read, json{{"colour", "red"}});
  ASSERT_GE(bad.errors.size(), 3u);
  EXPECT_EQ(bad.errors[0].code, "wrong_type");
  EXPECT_EQ(bad.errors[1].code, "unknown_field");
  EXPECT_EQ(bad.errors[2].field, "name");
  EXPECT_EQ(bad.errors[2].code, "required");
  // A non-object edits value reads as no edits.
  EXPECT_EQ(CurrentDraft(Extracted(), "x").draft.name, "Denim Jacket");
}

TEST(DecideApproval, APendingValidDraftBecomesAProductOfItsCurrentFields) {
  DraftToApprove d = Pending();
  d.seller_edits = json{{"price", 2800}};
  ApprovalDecision a = DecideApproval(d, json{{"name", "Blue Denim Jacket"}});
  ASSERT_EQ(a.outcome, ApprovalOutcome::kApprove);
  EXPECT_TRUE(a.errors.empty());
  EXPECT_EQ(a.seller_edits, (json{{"name", "Blue Denim Jacket"}, {"price", 2800}}));
  const ApprovedProduct& p = a.product;
  EXPECT_EQ(p.name, "Blue Denim Jacket");
  EXPECT_EQ(p.slug_base, "blue-denim-jacket");
  EXPECT_EQ(p.price, 2800);
  EXPECT_EQ(p.old_price, 3000);
  EXPECT_EQ(p.currency, "KES");
  EXPECT_EQ(p.categories, (std::vector<std::string>{"Fashion & Apparel"}));
  EXPECT_EQ(p.sizes, (std::vector<std::string>{"M", "L"}));
  EXPECT_TRUE(p.colors.empty());
  EXPECT_EQ(p.tags, (std::vector<std::string>{"denim"}));
  EXPECT_EQ(p.seller_edited_fields, (std::vector<std::string>{"name", "price"}));
  EXPECT_TRUE(p.has_variants);
  EXPECT_TRUE(p.in_stock);
  EXPECT_EQ(p.status, "active");
}

TEST(DecideApproval, NoEditsStoreAnEmptyObjectAndSoldOutIsOutOfStock) {
  DraftToApprove d = Pending();
  d.sold_out = true;
  d.extracted.draft.sizes = {"M"};
  ApprovalDecision a = DecideApproval(d, nullptr);
  ASSERT_EQ(a.outcome, ApprovalOutcome::kApprove);
  EXPECT_EQ(a.seller_edits, json::object());
  EXPECT_TRUE(a.product.seller_edited_fields.empty());
  EXPECT_FALSE(a.product.in_stock);
  EXPECT_FALSE(a.product.has_variants);  // one size, no colour
  // The old price's edit key names its draft field.
  a = DecideApproval(Pending(), json{{std::string(FieldInfoOf(Field::kOldPrice).api), nullptr}});
  ASSERT_EQ(a.outcome, ApprovalOutcome::kApprove);
  EXPECT_EQ(a.product.old_price, std::nullopt);
  EXPECT_EQ(a.product.seller_edited_fields, (std::vector<std::string>{OldPriceKey()}));
}

TEST(DecideApproval, AnInvalidDraftIsRefusedWithItsProblems) {
  ApprovalDecision a = DecideApproval(Pending(), json{{"name", ""}});
  ASSERT_EQ(a.outcome, ApprovalOutcome::kInvalid);
  ASSERT_FALSE(a.errors.empty());
  EXPECT_EQ(a.errors[0].field, "name");
}

TEST(DecideApproval, TheLifecycleDecidesWhoMayBeApproved) {
  DraftToApprove d = Pending();
  d.status = ApprovalStatus::kApproved;
  d.has_product = true;
  EXPECT_EQ(DecideApproval(d, nullptr).outcome, ApprovalOutcome::kAlreadyApproved);
  d.has_product = false;  // approved, but its product is gone
  EXPECT_EQ(DecideApproval(d, nullptr).outcome, ApprovalOutcome::kNotApprovable);
  for (ApprovalStatus s : {ApprovalStatus::kRejected, ApprovalStatus::kExpired}) {
    d.status = s;
    EXPECT_EQ(DecideApproval(d, nullptr).outcome, ApprovalOutcome::kNotApprovable)
        << ApprovalStatusName(s);
  }
  d.status = std::nullopt;
  EXPECT_EQ(DecideApproval(d, nullptr).outcome, ApprovalOutcome::kNotApprovable);
  // Even an invalid draft that is already approved answers with its product.
  d.status = ApprovalStatus::kApproved;
  d.has_product = true;
  EXPECT_EQ(DecideApproval(d, json{{"name", ""}}).outcome, ApprovalOutcome::kAlreadyApproved);
}

}  // namespace
}  // namespace vendly
