// The draft lifecycle and the draft plan for a post: one rule for what happens to a product draft
// (pending, approved, rejected, expired) when its post is scanned or synced again, when the
// seller edits, approves or rejects it, and when it ages; and, for one post, which drafts are
// inserted, updated, revived, kept or retired and which new ones are auto-approved.
//
// Pure: statuses, indices and confidences in, the decisions out as data. The server's draft store
// turns the status sets into its WHERE clauses, so the SQL never spells a lifecycle of its own.
#ifndef VENDLY_DRAFT_PLAN_H_
#define VENDLY_DRAFT_PLAN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vendly {

enum class ApprovalStatus { kPending, kApproved, kRejected, kExpired };

// "pending", "approved", "rejected", "expired".
const char* ApprovalStatusName(ApprovalStatus status);
std::optional<ApprovalStatus> ParseApprovalStatus(std::string_view name);

// The lifecycle, status by status.
// A re-scan of the post rewrites the draft from the new caption: pending and expired drafts (an
// expired one comes back as pending with a fresh lifetime); approved and rejected ones are the
// seller's decision and stay as they are.
bool RescanRewrites(ApprovalStatus status);
bool RescanRenewsLifetime(ApprovalStatus status);  // expired only
// Items the post no longer offers are retired (removed) when nobody decided on them yet.
bool RescanRetires(ApprovalStatus status);
// The seller may edit and approve pending drafts, reject pending ones (again: rejected ones).
bool SellerMayEdit(ApprovalStatus status);
bool SellerMayApprove(ApprovalStatus status);
bool SellerMayReject(ApprovalStatus status);
// Drafts nobody decided on expire after kDraftLifetimeDays (registry.h).
bool Expires(ApprovalStatus status);
// A post deleted on Instagram rejects the drafts nobody decided on.
bool PostDeletionRejects(ApprovalStatus status);

// The names of the statuses for which `rule` holds, in enum order (for a store's WHERE clause).
std::vector<std::string> StatusesWhere(bool (*rule)(ApprovalStatus));

// The store's auto-approve setting.
struct AutoApprove {
  bool enabled = false;
  double threshold = 0.9;
};

// One existing draft of the post.
struct ExistingDraft {
  int item_index = 0;
  ApprovalStatus status = ApprovalStatus::kPending;
};

enum class DraftAction {
  kInsert,  // a new draft, pending
  kUpdate,  // rewritten from the new caption, stays pending
  kRevive,  // an expired draft rewritten, pending again with a fresh lifetime
  kKeep,    // approved or rejected: left alone
};

struct PlannedDraft {
  int item_index = 0;
  DraftAction action = DraftAction::kInsert;
  bool auto_approve = false;  // a new draft the store approves at once (if the core finds it valid)
};

struct DraftPlan {
  std::vector<PlannedDraft> items;  // one per product of the post, by item index
  std::vector<int> retire;          // item indices of drafts to remove (in ascending order)
};

// The plan for a post whose extraction found products with `confidences` (item i has confidence
// i; empty when the post is no product), given its `existing` drafts and the store's setting: only
// a newly inserted draft is auto-approved, when the setting is on and its confidence reaches the
// threshold, and the item is not `held` (held[i]: item i waits for the seller whatever its
// confidence, e.g. a price the second opinion disputes, vendly/second_opinion.h; missing: not
// held).
DraftPlan PlanPostDrafts(const std::vector<double>& confidences,
                         const std::vector<ExistingDraft>& existing, const AutoApprove& setting,
                         const std::vector<bool>& held = {});

}  // namespace vendly

#endif  // VENDLY_DRAFT_PLAN_H_
