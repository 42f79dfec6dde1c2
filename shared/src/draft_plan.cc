#include "vendly/draft_plan.h"

#include <algorithm>
#include <map>

namespace vendly {

const char* ApprovalStatusName(ApprovalStatus status) {
  switch (status) {
    case ApprovalStatus::kPending:
      return "pending";
    case ApprovalStatus::kApproved:
      return "approved";
    case ApprovalStatus::kRejected:
      return "rejected";
    case ApprovalStatus::kExpired:
      return "expired";
  }
  return "pending";
}

std::optional<ApprovalStatus> ParseApprovalStatus(std::string_view name) {
  for (ApprovalStatus s : {ApprovalStatus::kPending, ApprovalStatus::kApproved,
                           ApprovalStatus::kRejected, ApprovalStatus::kExpired})
    if (name == ApprovalStatusName(s)) return s;
  return std::nullopt;
}

bool RescanRewrites(ApprovalStatus s) {
  return s == ApprovalStatus::kPending || s == ApprovalStatus::kExpired;
}
bool RescanRenewsLifetime(ApprovalStatus s) { return s == ApprovalStatus::kExpired; }
bool RescanRetires(ApprovalStatus s) { return RescanRewrites(s); }
bool SellerMayEdit(ApprovalStatus s) { return s == ApprovalStatus::kPending; }
bool SellerMayApprove(ApprovalStatus s) { return s == ApprovalStatus::kPending; }
bool SellerMayReject(ApprovalStatus s) {
  return s == ApprovalStatus::kPending || s == ApprovalStatus::kRejected;
}
bool Expires(ApprovalStatus s) { return s == ApprovalStatus::kPending; }
bool PostDeletionRejects(ApprovalStatus s) { return RescanRewrites(s); }

std::vector<std::string> StatusesWhere(bool (*rule)(ApprovalStatus)) {
  std::vector<std::string> names;
  for (ApprovalStatus s : {ApprovalStatus::kPending, ApprovalStatus::kApproved,
                           ApprovalStatus::kRejected, ApprovalStatus::kExpired})
    if (rule(s)) names.push_back(ApprovalStatusName(s));
  return names;
}

DraftPlan PlanPostDrafts(const std::vector<double>& confidences,
                         const std::vector<ExistingDraft>& existing, const AutoApprove& setting,
                         const std::vector<bool>& held) {
  std::map<int, ApprovalStatus> by_index;
  for (const ExistingDraft& d : existing) by_index[d.item_index] = d.status;
  DraftPlan plan;
  const int items = static_cast<int>(confidences.size());
  for (int i = 0; i < items; ++i) {
    PlannedDraft item{i, DraftAction::kInsert, false};
    auto found = by_index.find(i);
    if (found == by_index.end()) {
      const bool is_held = static_cast<std::size_t>(i) < held.size() && held[i];
      item.auto_approve = setting.enabled && !is_held && confidences[i] >= setting.threshold;
    } else if (!RescanRewrites(found->second)) {
      item.action = DraftAction::kKeep;
    } else {
      item.action =
          RescanRenewsLifetime(found->second) ? DraftAction::kRevive : DraftAction::kUpdate;
    }
    plan.items.push_back(item);
  }
  for (const auto& [index, status] : by_index)
    if (index >= items && RescanRetires(status)) plan.retire.push_back(index);
  return plan;
}

}  // namespace vendly
