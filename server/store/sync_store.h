// The incremental sync's poll (jobs/poll.cc): every statement it runs. What the store knows of
// listed posts (sync_seen_media, drafts, imported products), the poll's instagram_sync_history
// rows, the poll's columns of instagram_connection (interval, last poll and walk), the advisory
// lock that keeps two polls of a connection apart, and the poll's writes to products, drafts and
// conflicts when a caption is edited or a post deleted. Typed rows in and out; the core's poll plan
// (vendly/poll_plan.h) gives them meaning.
#ifndef VENDLY_SERVER_STORE_SYNC_STORE_H_
#define VENDLY_SERVER_STORE_SYNC_STORE_H_

#include <vendly/poll_plan.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// ---- The connection

// What a poll reads of its connection before it calls Graph.
struct PollConnectionState {
  std::string status;                 // active, expired, error
  long long created_epoch = 0;        // when the connection was made
  int throttled_seconds = 0;          // until throttled_until, 0 when not throttled
  int interval_seconds = 0;           // the previous poll interval (`default_interval` when none)
  bool walk_interval_passed = false;  // its last walk is `walk_seconds` old or more, or none
  long long now_epoch = 0;            // the database's clock
  int usage_percent = -1;             // the last usage headers' highest percentage, -1 unknown
};
// The store's connection `connection_id`; nullopt when there is none.
Result<std::optional<PollConnectionState>> LoadPollConnection(Db& db,
                                                              const std::string& connection_id,
                                                              const std::string& store_id,
                                                              int default_interval,
                                                              int walk_seconds);

// What spaces a webhook-triggered poll (vendly::WebhookPollDelaySeconds): seconds since a poll last
// began listing the account (-1: never) and the last usage headers' highest percentage (-1
// unknown).
struct PollSpacing {
  long long since_last_poll_seconds = -1;
  int usage_percent = -1;
};
Result<PollSpacing> LoadPollSpacing(Conn& conn, const std::string& connection_id);
// A poll of the connection begins listing it now (last_polled_at).
Status RecordPollStarted(Db& db, const std::string& connection_id);

// The chain's next poll is due at `next_poll_at` (as the job store gives it), `interval_seconds`
// after this one.
Status RecordPollScheduled(Conn& conn, const std::string& connection_id, int interval_seconds,
                           const std::optional<std::string>& next_poll_at);
// The connection's recent catalog was walked now.
Status MarkConnectionWalked(Db& db, const std::string& connection_id);

// Active connections whose scheduled poll chain is gone (no queued or running job with the key
// `chain_key_prefix` + id), by id, at most `limit`.
struct ConnectionRef {
  std::string id;
  std::string store_id;
};
Result<std::vector<ConnectionRef>> ConnectionsWithoutPollChain(Db& db,
                                                               const std::string& chain_key_prefix,
                                                               int limit);

// The session-level advisory lock on `key`, held from construction until destruction on a
// connection borrowed for that long.
class AdvisoryLock {
 public:
  AdvisoryLock(Db& db, std::string key);
  ~AdvisoryLock();
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;
  bool held() const { return held_; }

 private:
  std::string key_;
  std::unique_ptr<Conn, std::function<void(Conn*)>> conn_;
  bool held_ = false;
};

// ---- Posts

// What the store knows of each of `media_ids`: seen by a poll (its caption hash and deletion),
// drafted (the newest draft's caption hash when no poll saw it), or imported as a product.
Result<vendly::KnownPosts> LoadKnownPosts(Conn& conn, const std::string& store_id,
                                          const std::vector<std::string>& media_ids);

struct SeenPost {
  std::string ig_media_id;
  std::string timestamp;  // as Graph gave it
  std::string caption_hash;
};
// The poll saw the post as it is now (and not deleted).
Status MarkPostSeen(Conn& conn, const std::string& store_id, const SeenPost& post);
// A walk found the post deleted.
Status MarkPostDeleted(Conn& conn, const std::string& store_id, const std::string& ig_media_id);

// Known posts published in [from_timestamp (nullopt: the beginning), until_epoch] that are not in
// `listed_ids`, by id, at most vendly::kMaxMissingPosts. `in_catalog`: a draft the deletion of the
// post would reject (vendly::PostDeletionRejects) or a product of it that is not archived.
Result<std::vector<vendly::MissingPost>> MissingPosts(Db& db, const std::string& store_id,
                                                      const std::optional<std::string>& from,
                                                      long long until_epoch,
                                                      const std::vector<std::string>& listed_ids);

// ---- The poll's sync history

struct PollHistoryStart {
  std::string store_id;
  std::string connection_id;
  std::string sync_type;       // vendly::SyncTypeOf
  std::string trigger_source;  // vendly::TriggerSourceOf
  nlohmann::json metadata = nlohmann::json::object();
};
// A processing history row; its id.
Result<std::string> InsertPollHistory(Conn& conn, const PollHistoryStart& start);
// A queued row (a manual refresh's) starts processing now.
Status MarkPollHistoryProcessing(Db& db, const std::string& sync_id);

struct PollHistoryEnd {
  std::string status;  // success, partial_success, failed
  long long duration_ms = 0;
  int api_calls = 0;  // added to the row's
  vendly::PollTally tally;
  nlohmann::json error;  // appended to the row's errors; null: none
};
Status FinishPollHistory(Db& db, const std::string& sync_id, const PollHistoryEnd& end);

// ---- Drafts and products

// A draft as its "draft_created" notification tells of it; nullopt when it is gone.
struct DraftNoticeFacts {
  std::string product_name;
  bool published = false;  // approved automatically, into product_id
  std::string product_id;
};
Result<std::optional<DraftNoticeFacts>> DraftForNotice(Conn& conn, const std::string& store_id,
                                                       const std::string& draft_id);

// The ids of the post's drafts.
Result<std::set<std::string>> PostDraftIds(Conn& conn, const std::string& store_id,
                                           const std::string& ig_media_id);

// An approved, not archived product of the post, locked until the transaction ends.
struct FollowedProduct {
  std::string product_id;
  std::string name;
  int item_index = 0;
  nlohmann::json ours;  // the product as the core's Draft JSON (store/sync_product.h)
  nlohmann::json base;  // the extraction it was made from (source_extraction), {} when none
  bool in_stock = true;
};
Result<std::vector<FollowedProduct>> LockFollowedProducts(Conn& conn, const std::string& store_id,
                                                          const std::string& ig_media_id);
// The product now follows `extraction` (the new base) of `caption`; in stock or not.
Status SaveProductSource(Conn& conn, const std::string& store_id, const std::string& product_id,
                         const nlohmann::json& extraction, const std::string& caption,
                         bool in_stock);
// The post's approved drafts show the caption their products now follow (the item's product of
// `extracted_products`, when the caption still offers it).
Status FollowApprovedDrafts(Conn& conn, const std::string& store_id, const std::string& ig_media_id,
                            const std::string& caption, const std::string& caption_hash,
                            const nlohmann::json& extracted_products);

// A field both Instagram and the seller changed: an open conflict (a newer one replaces the open
// conflict of the same product and field).
struct ConflictWrite {
  std::string store_id;
  std::string product_id;
  std::string ig_media_id;
  std::string field;  // the core's field name
  nlohmann::json base, theirs, ours;
  std::string sync_history_id;
};
Status UpsertSyncConflict(Conn& conn, const ConflictWrite& conflict);

// A deleted post: its products are archived (never deleted); the ones archived now.
struct ArchivedProduct {
  std::string id;
  std::string name;
};
Result<std::vector<ArchivedProduct>> ArchivePostProducts(Conn& conn, const std::string& store_id,
                                                         const std::string& ig_media_id);
// A deleted post rejects its drafts nobody decided on (vendly::PostDeletionRejects).
Status RejectDeletedPostDrafts(Conn& conn, const std::string& store_id,
                               const std::string& ig_media_id);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_SYNC_STORE_H_
