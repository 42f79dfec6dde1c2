#include "vendly/approval.h"

#include <utility>

namespace vendly {

using nlohmann::json;

json MergeSellerEdits(const json& stored, const json& edits) {
  json merged = stored.is_object() ? stored : json::object();
  if (edits.is_object())
    for (auto it = edits.begin(); it != edits.end(); ++it) merged[it.key()] = it.value();
  return merged;
}

DraftResult CurrentDraft(const DraftResult& extracted, const json& seller_edits) {
  DraftResult edited =
      ApplyEdits(extracted.draft, seller_edits.is_object() ? seller_edits : json::object());
  std::vector<FieldError> errors = extracted.errors;
  for (auto& e : edited.errors) errors.push_back(std::move(e));
  for (auto& e : ValidateDraft(edited.draft)) errors.push_back(std::move(e));
  return {std::move(edited.draft), std::move(errors)};
}

ApprovedProduct ProductOfDraft(const Draft& current, const json& seller_edits, bool sold_out) {
  ApprovedProduct p;
  p.name = current.name;
  p.slug_base = Slugify(current.name);
  p.description = current.description;
  p.price = current.price;
  p.old_price = current.old_price;
  p.currency = current.currency;
  p.categories = {current.category};
  p.tags = current.tags;
  p.sizes = current.sizes;
  p.colors = current.colors;
  if (seller_edits.is_object())
    for (auto it = seller_edits.begin(); it != seller_edits.end(); ++it) {
      const std::string_view field = FieldOfEditKey(it.key());
      if (!field.empty()) p.seller_edited_fields.emplace_back(field);
    }
  p.has_variants = current.sizes.size() + current.colors.size() > 1;
  p.in_stock = !sold_out;
  return p;
}

ApprovalDecision DecideApproval(const DraftToApprove& draft, const json& edits) {
  ApprovalDecision d;
  if (draft.status == ApprovalStatus::kApproved && draft.has_product) {
    d.outcome = ApprovalOutcome::kAlreadyApproved;
    return d;
  }
  if (!draft.status || !SellerMayApprove(*draft.status)) {
    d.outcome = ApprovalOutcome::kNotApprovable;
    return d;
  }
  d.seller_edits = MergeSellerEdits(draft.seller_edits, edits);
  DraftResult current = CurrentDraft(draft.extracted, d.seller_edits);
  if (!current.errors.empty()) {
    d.outcome = ApprovalOutcome::kInvalid;
    d.errors = std::move(current.errors);
    return d;
  }
  d.outcome = ApprovalOutcome::kApprove;
  d.product = ProductOfDraft(current.draft, d.seller_edits, draft.sold_out);
  return d;
}

}  // namespace vendly
