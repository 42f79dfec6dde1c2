#include "vendly/poll_plan.h"

#include <algorithm>

namespace vendly {

PollTrigger ParsePollTrigger(std::string_view name) {
  if (name == "webhook") return PollTrigger::kWebhook;
  if (name == "manual") return PollTrigger::kManual;
  return PollTrigger::kScheduled;
}

const char* PollTriggerName(PollTrigger trigger) {
  switch (trigger) {
    case PollTrigger::kWebhook:
      return "webhook";
    case PollTrigger::kManual:
      return "manual";
    case PollTrigger::kScheduled:
      break;
  }
  return "scheduled";
}

const char* SyncTypeOf(PollTrigger trigger) {
  switch (trigger) {
    case PollTrigger::kWebhook:
      return "webhook_trigger";
    case PollTrigger::kManual:
      return "manual_refresh";
    case PollTrigger::kScheduled:
      break;
  }
  return "incremental_sync";
}

const char* TriggerSourceOf(PollTrigger trigger) {
  switch (trigger) {
    case PollTrigger::kWebhook:
      return "webhook";
    case PollTrigger::kManual:
      return "user_initiated";
    case PollTrigger::kScheduled:
      break;
  }
  return "scheduled_job";
}

bool OpensHistoryUpFront(PollTrigger trigger) { return trigger != PollTrigger::kScheduled; }

bool RecordsListingFailure(PollTrigger trigger, int attempt, int max_attempts) {
  return trigger != PollTrigger::kScheduled || attempt >= max_attempts;
}

ThrottledPoll PlanThrottledPoll(PollTrigger trigger, int throttled_seconds, int max_defer_seconds,
                                int min_seconds) {
  const int wait = std::min(throttled_seconds, max_defer_seconds);
  if (trigger != PollTrigger::kScheduled) return {true, wait};
  return {false, std::max(wait, min_seconds)};
}

ListingPlan PlanListing(PollTrigger trigger, bool walk_interval_passed, int usage_percent,
                        long long connection_created_epoch) {
  ListingPlan plan;
  plan.walk = (walk_interval_passed || trigger == PollTrigger::kManual) &&
              usage_percent < kWalkMaxUsagePercent;
  plan.page_size = plan.walk ? kWalkPageSize : kPollPageSize;
  plan.since_epoch = connection_created_epoch - kSinceMarginSeconds;
  return plan;
}

namespace {

bool BeforeSince(const ListedPost& post, long long since_epoch) {
  return post.published_epoch && *post.published_epoch < since_epoch;
}

const KnownPost& KnownOf(const KnownPosts& known, const std::string& id) {
  static const KnownPost kUnknown;
  const auto it = known.find(id);
  return it == known.end() ? kUnknown : it->second;
}

}  // namespace

bool ListingGoesOn(const ListingPlan& plan, int pages, int listed,
                   const std::vector<ListedPost>& page, const KnownPosts& known) {
  if (plan.walk) return listed < kWalkPosts;
  for (const ListedPost& post : page)
    if (BeforeSince(post, plan.since_epoch) || KnownOf(known, post.id).known) return false;
  return pages < kPollMaxPages;
}

PostChange ClassifyPost(const ListedPost& post, const KnownPost& known, long long since_epoch) {
  if (known.known) {
    if (!known.deleted && known.caption_hash && *known.caption_hash != post.caption_hash)
      return PostChange::kEdited;
    return PostChange::kUnchanged;
  }
  return BeforeSince(post, since_epoch) ? PostChange::kBeforeConnection : PostChange::kNew;
}

PostPlan PlanPosts(const ListingPlan& plan, const std::vector<ListedPost>& listed,
                   const KnownPosts& known) {
  PostPlan out;
  bool past_known = false;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const KnownPost& k = KnownOf(known, listed[i].id);
    if (!k.known && past_known && !plan.walk) break;  // the quick path ends at the first known
    switch (ClassifyPost(listed[i], k, plan.since_epoch)) {
      case PostChange::kNew:
        out.fresh.push_back(i);
        break;
      case PostChange::kEdited:
        out.edited.push_back(i);
        break;
      case PostChange::kUnchanged:
      case PostChange::kBeforeConnection:
        break;
    }
    if (k.known) past_known = true;
  }
  std::reverse(out.fresh.begin(), out.fresh.end());
  return out;
}

WalkWindow PlanWalkWindow(const std::vector<ListedPost>& listed) {
  const bool reached_end = static_cast<int>(listed.size()) < kWalkPosts;
  if (reached_end || listed.empty()) return {};
  return {listed.back().timestamp};
}

std::vector<MissingAction> PlanMissingPosts(const std::vector<MissingPost>& missing) {
  std::vector<MissingAction> actions;
  int checks = 0;
  for (const MissingPost& post : missing) {
    if (!post.in_catalog)
      actions.push_back(MissingAction::kMarkDeleted);
    else
      actions.push_back(checks++ < kMaxDeletionChecks ? MissingAction::kConfirmFirst
                                                      : MissingAction::kLeave);
  }
  return actions;
}

namespace {
bool IsPermissionError(int code) { return code == 10 || (code >= 200 && code <= 299); }
bool IsAmbiguousNotFound(int code, int subcode) { return code == 100 && subcode == 33; }
}  // namespace

bool NeedsAccountCheck(const ProbeAnswer& answer) {
  return !answer.found && !answer.token_rejected &&
         IsAmbiguousNotFound(answer.code, answer.subcode) && !answer.account_visible;
}

ProbeVerdict JudgeProbe(const ProbeAnswer& answer) {
  if (answer.found) return ProbeVerdict::kStillThere;
  if (answer.token_rejected) return ProbeVerdict::kStopWalk;
  if (IsPermissionError(answer.code)) return ProbeVerdict::kUnsure;
  if (IsAmbiguousNotFound(answer.code, answer.subcode))
    return answer.account_visible.value_or(false) ? ProbeVerdict::kDeleted : ProbeVerdict::kUnsure;
  return ProbeVerdict::kStillThere;
}

WalkEnd PlanWalkEnd(int deleted, int unsure) {
  WalkEnd end;
  end.archive = deleted < kWalkDeletionPause;
  end.tell = !end.archive || unsure > 0;
  return end;
}

ProductFollow FollowEdit(const std::optional<Draft>& base, const Product& theirs, const Draft& ours,
                         bool ours_in_stock) {
  const Draft theirs_draft = DraftFromProduct(theirs);
  ProductFollow f;
  f.merge = SyncMerge(base ? *base : theirs_draft, theirs_draft, ours, theirs.sold_out);
  f.write_fields = !f.merge.updated.empty();
  f.in_stock = !f.merge.sold_out;
  f.updated = f.write_fields || f.in_stock != ours_in_stock;
  return f;
}

int NextPollSeconds(int previous_seconds, bool active, int usage_percent, int min_seconds,
                    int max_seconds) {
  const int next =
      active ? min_seconds
             : std::clamp(previous_seconds > max_seconds / 2 ? max_seconds : previous_seconds * 2,
                          min_seconds, max_seconds);
  if (usage_percent >= 90) return std::max(kBudgetPauseSeconds, max_seconds);
  if (usage_percent >= 75) return max_seconds;
  if (usage_percent >= 50) return std::min(max_seconds, next * 2);
  return next;
}

int WebhookPollDelaySeconds(long long since_last_poll_seconds, int usage_percent, int min_seconds,
                            int max_seconds) {
  if (since_last_poll_seconds < 0) return 0;
  const long long spacing =
      NextPollSeconds(min_seconds, true, usage_percent, min_seconds, max_seconds);
  return int(std::max(0LL, spacing - since_last_poll_seconds));
}

int ThrottledPollSeconds(int retry_after_seconds, int min_seconds, int max_seconds) {
  return std::max({retry_after_seconds, min_seconds,
                   NextPollSeconds(min_seconds, false, 100, min_seconds, max_seconds)});
}

PollEnd PlanPollEnd(PollTrigger trigger, const PostPlan& posts, const PollTally& tally,
                    int previous_seconds, int usage_percent, int min_seconds, int max_seconds) {
  PollEnd end;
  end.history_status = tally.failed > 0 ? "partial_success" : "success";
  end.active = !posts.fresh.empty() || !posts.edited.empty() || tally.archived > 0;
  end.schedule_next = trigger == PollTrigger::kScheduled || end.active;
  end.next_seconds =
      NextPollSeconds(previous_seconds, end.active, usage_percent, min_seconds, max_seconds);
  const bool something = tally.processed > 0 || tally.drafts > 0 || tally.updated > 0 ||
                         tally.archived > 0 || tally.conflicts > 0 || tally.failed > 0;
  end.report = something || trigger != PollTrigger::kScheduled;
  return end;
}

}  // namespace vendly
