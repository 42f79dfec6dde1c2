// Approval of a draft into a product: the draft the seller sees (the extraction with the seller's
// edits applied, and every problem with it), whether a draft may be approved, and the product an
// approved draft becomes. The server loads the draft, asks DecideApproval, and writes what it says
// (the product, with a slug from UniqueSlug over the store's slugs that start with slug_base).
//
// Pure: drafts, statuses and edits in, the decision out as data.
#ifndef VENDLY_APPROVAL_H_
#define VENDLY_APPROVAL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vendly/draft.h"
#include "vendly/draft_plan.h"

namespace vendly {

// The seller's edits after `edits`: `stored` (anything but an object reads as {}) with each key of
// `edits` (an object; anything else adds nothing) set to its value, a new edit replacing an old
// one.
nlohmann::json MergeSellerEdits(const nlohmann::json& stored, const nlohmann::json& edits);

// The draft the seller sees: `extracted` (the extraction as DraftFromJson read it, with its read
// errors) with `seller_edits` applied (ApplyEdits; a non-object reads as {}), and every problem in
// that order: reading, editing (unknown fields, wrong types), then ValidateDraft's.
DraftResult CurrentDraft(const DraftResult& extracted, const nlohmann::json& seller_edits);

// The product fields of an approved draft.
struct ApprovedProduct {
  std::string name;
  std::string slug_base;  // Slugify(name); the slug is UniqueSlug(name, slugs taken like it)
  std::string description;
  std::optional<double> price;
  std::optional<double> old_price;  // Field::kOldPrice
  std::string currency;
  std::vector<std::string> categories;  // [the draft's category]
  std::vector<std::string> tags;
  std::vector<std::string> sizes;
  std::vector<std::string> colors;
  // The draft fields (FieldInfo::cli) the seller changed, in the order of their edit keys.
  std::vector<std::string> seller_edited_fields;
  bool has_variants = false;  // sizes and colours together more than one
  bool in_stock = true;       // the caption did not say "sold out"
  std::string status = "active";
};

// The product `current` (a draft with no problems) becomes, given the seller's (merged) edits and
// whether the extraction read the post as sold out.
ApprovedProduct ProductOfDraft(const Draft& current, const nlohmann::json& seller_edits,
                               bool sold_out);

// A draft as approval sees it.
struct DraftToApprove {
  std::optional<ApprovalStatus> status;  // nullopt: a status the lifecycle does not know
  bool has_product = false;              // the draft is linked to a product
  DraftResult extracted;                 // DraftFromJson of the extraction
  bool sold_out = false;                 // the extraction's sold_out
  nlohmann::json seller_edits;           // as stored (null: none)
};

enum class ApprovalOutcome {
  kApprove,          // make `product`, store `seller_edits` on the draft
  kAlreadyApproved,  // approved before: the linked product is the answer
  kNotApprovable,    // the lifecycle does not let the seller approve it (draft_not_pending)
  kInvalid,          // the current draft has problems (`errors`): the seller must change it first
};

struct ApprovalDecision {
  ApprovalOutcome outcome = ApprovalOutcome::kNotApprovable;
  std::vector<FieldError> errors;  // kInvalid
  nlohmann::json seller_edits;     // kApprove: the merged edits, an object (empty: none)
  ApprovedProduct product;         // kApprove
};

// Approving `draft` with the request's `edits` (null or an object, already checked by ApplyEdits):
// an approved draft with a product is already approved; a draft the seller may not approve
// (SellerMayApprove) is refused; otherwise the stored edits and `edits` are merged
// (MergeSellerEdits), and the current draft is approved into a product when it has no problems.
ApprovalDecision DecideApproval(const DraftToApprove& draft, const nlohmann::json& edits);

}  // namespace vendly

#endif  // VENDLY_APPROVAL_H_
