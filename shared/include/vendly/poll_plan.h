// The poll plan of the incremental sync (US-5, issue #5): one rule for what a poll of a connected
// account lists, which listed posts are new, edited or unchanged, which known posts a walk of the
// recent catalog checks for deletion, and when the connection is polled next.
//
// Pure: the facts of the listing and of what the store knows in, the decisions out as data. The
// server's poll job (server/jobs/poll.cc) loads the facts (the sync store, the Graph client),
// asks here, applies the decisions (drafts, products, the sync history) and reports.
#ifndef VENDLY_POLL_PLAN_H_
#define VENDLY_POLL_PLAN_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vendly/draft.h"
#include "vendly/extract.h"
#include "vendly/sync.h"

namespace vendly {

// A poll's quick path lists the newest posts, a page of kPollPageSize at a time, until it reaches a
// known post, a post older than the connection, or kPollMaxPages pages (at most 100 unknown posts).
inline constexpr int kPollPageSize = 25;
inline constexpr int kPollMaxPages = 4;
// A walk lists the recent catalog (kWalkPosts posts, kWalkPageSize per page) to find deleted posts;
// it is skipped while the account has used kWalkMaxUsagePercent of its rate budget or more.
inline constexpr int kWalkPageSize = 100;
inline constexpr int kWalkPosts = 200;
inline constexpr int kWalkMaxUsagePercent = 50;
// Of the known posts a walk no longer lists, it considers kMaxMissingPosts and confirms at most
// kMaxDeletionChecks of them with a GET /{media-id} (a listing can be short).
inline constexpr int kMaxMissingPosts = 100;
inline constexpr int kMaxDeletionChecks = 10;
// Posts published shortly before the connection was made are new to it too (clock skew, the seller
// posting while connecting).
inline constexpr int kSinceMarginSeconds = 60;
// Polling pauses this long (at least the longest interval) at 90% of the rate budget.
inline constexpr int kBudgetPauseSeconds = 900;

// What started a poll: its connection's scheduled chain, a webhook, or the seller's refresh.
enum class PollTrigger { kScheduled, kWebhook, kManual };
// "scheduled", "webhook", "manual"; anything else reads as scheduled.
PollTrigger ParsePollTrigger(std::string_view name);
const char* PollTriggerName(PollTrigger trigger);
// The sync history's sync_type ("incremental_sync", "webhook_trigger", "manual_refresh") and
// trigger_source ("scheduled_job", "webhook", "user_initiated") of a poll.
const char* SyncTypeOf(PollTrigger trigger);
const char* TriggerSourceOf(PollTrigger trigger);

// A webhook's or manual poll has a sync-history row from its start; a scheduled poll gets one when
// it first finds something (one that finds nothing leaves no row, server/API.md).
bool OpensHistoryUpFront(PollTrigger trigger);
// A failed listing is recorded in the history, except by a scheduled poll with attempts left: an
// outage must not flood the history with one row per attempt.
bool RecordsListingFailure(PollTrigger trigger, int attempt, int max_attempts);

// The connection is throttled (no Graph call before `throttled_seconds` from now): a webhook's or
// manual poll waits (defer, the attempt not counted) for that, at most `max_defer_seconds`; a
// scheduled one ends and its chain comes back after that wait, at least `min_seconds`.
struct ThrottledPoll {
  bool defer = false;  // true: defer the job by `seconds`; false: schedule the next poll
  int seconds = 0;
};
ThrottledPoll PlanThrottledPoll(PollTrigger trigger, int throttled_seconds, int max_defer_seconds,
                                int min_seconds);

// How this poll lists.
struct ListingPlan {
  bool walk = false;  // the recent catalog, for deletions; else the quick path
  int page_size = kPollPageSize;
  long long since_epoch = 0;  // posts published before this are the bulk import's business
};
// `walk_interval_passed`: the connection's last walk is older than the walk interval (or it never
// walked). A manual refresh always walks; no poll walks at kWalkMaxUsagePercent of the budget or
// more (`usage_percent` -1: unknown, not limiting).
ListingPlan PlanListing(PollTrigger trigger, bool walk_interval_passed, int usage_percent,
                        long long connection_created_epoch);

// One listed post, as the poll compares it.
struct ListedPost {
  std::string id;
  std::string timestamp;                     // as Graph gave it (ISO 8601)
  std::optional<long long> published_epoch;  // nullopt: unreadable, counted as recent enough
  std::string caption_hash;                  // of the caption as listed
};
// What the store knows of a post: it was seen by a poll, drafted or imported; deleted (a walk found
// it gone); the caption hash last seen (nullopt: none recorded).
struct KnownPost {
  bool known = false;
  bool deleted = false;
  std::optional<std::string> caption_hash;
};
using KnownPosts = std::map<std::string, KnownPost>;  // by media id; absent: unknown

// After a page: whether the listing goes on. A walk lists kWalkPosts posts; the quick path stops at
// the first known post or post older than the connection, or after kPollMaxPages pages.
// `listed`: the posts listed so far (this page included); `page`: this page.
bool ListingGoesOn(const ListingPlan& plan, int pages, int listed,
                   const std::vector<ListedPost>& page, const KnownPosts& known);

enum class PostChange {
  kNew,               // unknown, published since the connection: becomes drafts
  kEdited,            // known, not deleted, its caption changed since it was last seen
  kUnchanged,         // known and the same (or deleted: the walk handled it)
  kBeforeConnection,  // unknown but older than the connection: the bulk import's business
};
PostChange ClassifyPost(const ListedPost& post, const KnownPost& known, long long since_epoch);

// What the poll does with the listing (newest first): indices into it.
struct PostPlan {
  std::vector<std::size_t> fresh;   // new posts, oldest first (drafts and notifications in order)
  std::vector<std::size_t> edited;  // edited posts, in listing order
};
// The quick path takes the new posts before the first known one; a walk takes every new post it
// lists. Edited posts are taken wherever they are listed.
PostPlan PlanPosts(const ListingPlan& plan, const std::vector<ListedPost>& listed,
                   const KnownPosts& known);

// The time range a walk covers: known posts in it that the listing no longer holds are missing.
// `from_timestamp` nullopt: from the account's first post (the walk reached the end: it listed
// fewer than kWalkPosts); else the oldest listed post's timestamp. The range ends when the poll
// started (a post made meanwhile is not missing).
struct WalkWindow {
  std::optional<std::string> from_timestamp;
};
WalkWindow PlanWalkWindow(const std::vector<ListedPost>& listed);

// A known post the walk did not list. `in_catalog`: it has a draft nobody decided on or a product
// that is not archived, so archiving it matters and its absence is confirmed first; otherwise it is
// only marked deleted.
struct MissingPost {
  std::string id;
  bool in_catalog = false;
};
enum class MissingAction {
  kMarkDeleted,   // archive what it has, mark it deleted
  kConfirmFirst,  // ask Graph for the post first (JudgeProbe)
  kLeave,         // past this walk's kMaxDeletionChecks: a later walk looks again
};
// One action per missing post, in order: the first kMaxDeletionChecks in the catalog are confirmed.
std::vector<MissingAction> PlanMissingPosts(const std::vector<MissingPost>& missing);

// The answer to GET /{media-id} of a missing post. Meta answers a deleted object with code 100
// subcode 33, "does not exist, cannot be loaded due to missing permissions, or does not support
// this operation": the same words for a post that is gone and for a token that lost sight of it
// (Page unlinked, account switched). So a 100/33 counts as "deleted" only when the same token
// still reads the account itself in the same walk (GET /{ig-user-id}?fields=id); a permission
// error (code 10, 200-299) never does.
struct ProbeAnswer {
  bool found = false;
  bool token_rejected = false;  // 190 (DecideGraphError says the connection expired)
  int code = 0;
  int subcode = 0;
  // The account check after a 100/33: nullopt while not asked (NeedsAccountCheck).
  std::optional<bool> account_visible;
};
enum class ProbeVerdict {
  kStillThere,  // found, or an answer that is not about the post: leave it
  kDeleted,     // Graph says unambiguously that it does not exist: archive (PlanWalkEnd)
  kUnsure,      // a 100/33 the account check did not settle, or a permission error: leave it,
                // and tell the seller
  kStopWalk,    // the token was rejected: no more checks this walk
};
// A 100/33 answer whose account check has not been made yet.
bool NeedsAccountCheck(const ProbeAnswer& answer);
ProbeVerdict JudgeProbe(const ProbeAnswer& answer);

// A walk with kWalkDeletionPause "deleted" answers or more archives nothing: that many posts
// gone at once is likelier a listing or a token gone wrong than a seller's clean-up. The seller is
// told (DeletionsHeldNotice), as when answers were unsure.
inline constexpr int kWalkDeletionPause = 5;
struct WalkEnd {
  bool archive = false;  // archive the posts answered "deleted" and mark the unprobed ones
  bool tell = false;     // DeletionsHeldNotice(deleted, unsure)
};
WalkEnd PlanWalkEnd(int deleted, int unsure);

// An approved product of an edited post follows the new caption through the three-way merge
// (SyncMerge) of the extraction it was made from (`base`; nullopt when none was kept: the new
// extraction stands in, so the product keeps what the seller has), the new extraction of its item
// (`theirs`) and the product as the seller has it (`ours`). "SOLD OUT" in the caption marks it out
// of stock.
struct ProductFollow {
  SyncResult merge;
  bool write_fields = false;  // the merged fields differ from the product's
  bool in_stock = true;
  bool updated = false;  // fields or stock changed: counts as an updated product
};
ProductFollow FollowEdit(const std::optional<Draft>& base, const Product& theirs, const Draft& ours,
                         bool ours_in_stock);

// The seconds until a connection's next scheduled poll. An active account (this poll found new
// posts or edits, or archived something) is polled again after `min_seconds`; a quiet one doubles
// its previous interval up to `max_seconds`. The rate budget overrides both: at 50% of it used the
// interval doubles, at 75% it is `max_seconds`, at 90% polling pauses (kBudgetPauseSeconds, at
// least max_seconds), so the account never reaches Meta's limit through polling. `usage_percent`
// -1: unknown (not limiting).
int NextPollSeconds(int previous_seconds, bool active, int usage_percent, int min_seconds,
                    int max_seconds);
// The seconds a webhook-triggered poll of an account waits, so that a burst of comments (a giveaway
// thread) costs no more listings than polling at its busiest would: polls of one account are
// spaced by NextPollSeconds of an active account (min_seconds, longer as the rate budget is used),
// counted from when the last poll began. 0 when that long has passed or the account was never
// polled (`since_last_poll_seconds` < 0).
int WebhookPollDelaySeconds(long long since_last_poll_seconds, int usage_percent, int min_seconds,
                            int max_seconds);
// Meta throttled the listing of a scheduled poll: its chain comes back after Meta's estimate or
// the budget pause, whichever is longer, and never before `min_seconds`.
int ThrottledPollSeconds(int retry_after_seconds, int min_seconds, int max_seconds);

// What a finished poll did.
struct PollTally {
  int listed = 0;
  int processed = 0;  // new or edited posts handled
  int drafts = 0;     // drafts created
  int products = 0;   // of which approved automatically
  int updated = 0;    // products changed by an edited caption
  int skipped = 0;    // new posts that are not products
  int failed = 0;
  int archived = 0;
  int conflicts = 0;
};
// How the poll ends.
struct PollEnd {
  std::string history_status;  // "success", or "partial_success" when a post failed
  bool active = false;         // it found new or edited posts or archived a product
  bool schedule_next = false;  // the chain goes on: a scheduled poll, or any poll that was active
  int next_seconds = 0;        // NextPollSeconds
  bool report = false;         // worth a log line: it did something, or a person asked for it
};
PollEnd PlanPollEnd(PollTrigger trigger, const PostPlan& posts, const PollTally& tally,
                    int previous_seconds, int usage_percent, int min_seconds, int max_seconds);

}  // namespace vendly

#endif  // VENDLY_POLL_PLAN_H_
