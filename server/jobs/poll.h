// Incremental sync of a connected account (US-5, issue #5): the "poll" job lists the account's
// newest media until it reaches posts it knows and turns the new ones into drafts; it also notices
// caption edits (re-extracted; approved products go through the core's three-way merge, conflicts
// wait for the seller) and, on a slower rhythm, walks the recent catalog for deleted posts (their
// products are archived). Each connection has one chain of scheduled polls whose interval follows
// the account's activity and its remaining rate budget; a webhook or the seller's "refresh" adds a
// poll that runs at once. Two polls of one connection never run together. Also here: the recurring
// job that keeps every active connection polled. The rules (what is listed, new, edited or deleted,
// the next interval) are the core's poll plan (vendly/poll_plan.h); the statements are
// store/sync_store.h. The routes of sync conflicts and manual refresh are routes/sync.cc; the token
// refresh is jobs/token_refresh.cc.
#ifndef VENDLY_SERVER_SYNC_H_
#define VENDLY_SERVER_SYNC_H_

#include <chrono>
#include <string>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

struct App;
class JobRunner;

// Dedupe keys of a connection's polls: the scheduled chain, the webhook's trigger (the contract of
// webhooks.h) and the seller's manual refresh. Distinct keys, so a trigger never waits behind a
// scheduled poll that is minutes away.
std::string ScheduledPollKey(const std::string& connection_id);  // "poll_sched:<id>"
std::string WebhookPollKey(const std::string& connection_id);    // "poll:<id>"
std::string ManualPollKey(const std::string& connection_id);     // "poll_manual:<id>"

// Makes sure the connection's scheduled poll chain exists, inside the caller's transaction:
// enqueues a scheduled poll due after `delay` when none is queued or running, and brings a queued
// one forward when it is due later than that. Returns the active scheduled poll's id. Called when a
// connection is made or made again, and by the poll scheduler.
Result<std::string> SchedulePoll(Conn& conn, const std::string& connection_id,
                                 const std::string& store_id, std::chrono::milliseconds delay);

// The "poll" and "poll_scheduler" kinds; ensures the recurring one exists.
void RegisterSyncJobs(JobRunner& runner, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_SYNC_H_
