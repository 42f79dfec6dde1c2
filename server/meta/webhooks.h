// Meta's webhooks for object "instagram" (plan 3.2 and 5.4, meta-platform-notes.md "Webhooks").
// A delivery is checked against X-Hub-Signature-256 over its raw bytes before anything reads it,
// then every change it carries (entry[].changes[] and entry[].messaging[]) is stored once in
// instagram_webhook_event, keyed by a hash of the change, and acknowledged at once. Work happens
// later in "webhook" jobs: a change about an active connection's comments, mentions or media asks
// for a poll of that account, because Instagram sends no webhook for a new or edited post and the
// poll is what finds them. The route registration, RegisterWebhookRoutes, is declared in app.h.
#ifndef VENDLY_SERVER_WEBHOOKS_H_
#define VENDLY_SERVER_WEBHOOKS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/status.h"
#include "jobs/queue.h"
#include "meta/webhook_payload.h"

namespace vendly::server {

struct App;

// Attempts of a "webhook" job; after the last one the event is 'failed' with its error.
inline constexpr int kWebhookJobAttempts = 3;

// The "webhook" job: payload {"webhookEventId"}. Marks the event 'processing'; for comments,
// mentions and media of an active connection, enqueues a "poll" job of that connection (dedupe key
// "poll:<connection id>", payload {"connectionId","storeId","trigger":"webhook","webhookEventId"})
// and marks the event 'completed'; an event whose connection is gone or no longer active becomes
// 'ignored'. A failure puts the event back to 'pending' with processing_error and retry_count (the
// failed attempts so far) for the next attempt, or to 'failed' after the last one. Safe to run
// again: an event already completed or ignored is left as it is.
JobOutcome RunWebhookJob(JobContext& ctx);

// Registers the "webhook" kind on `runner`.
void RegisterWebhookJobs(JobRunner& runner, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_WEBHOOKS_H_
