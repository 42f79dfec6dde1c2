// In-app notifications (plan 6.4) and the sync history (plan 5.5): what happened to the seller's
// catalog, newest first.
#include "app/app.h"
#include "routes/catalog.h"
#include "store/history_store.h"

namespace vendly::server {
namespace {

Json OptionalJson(const std::optional<long long>& v) { return v ? Json(*v) : Json(); }

void ListNotifications(App& app, RequestContext& ctx) {
  auto limit = IntQueryParam(ctx.req, "limit", 20, 100);
  if (!limit.ok()) return SendError(ctx.res, limit.status());
  const std::string unread = ctx.req.get_param_value("unread");
  if (!unread.empty() && unread != "true" && unread != "false")
    return SendError(ctx.res, Status::InvalidRequest("unread must be true or false"));
  auto rows = ListNotifications(app.db, ctx.session->store_id, unread == "true", *limit);
  if (!rows.ok()) return SendError(ctx.res, rows.status());
  auto count = UnreadNotificationCount(app.db, ctx.session->store_id);
  if (!count.ok()) return SendError(ctx.res, count.status());
  Json list = Json::array();
  for (const NotificationRow& row : *rows)
    list.push_back({{"id", row.id},
                    {"kind", row.notification.kind},
                    {"title", row.notification.title},
                    {"body", row.notification.body},
                    {"data", row.notification.data},
                    {"readAt", row.read_at ? Json(*row.read_at) : Json()},
                    {"createdAt", row.created_at}});
  SendJson(ctx.res, 200, {{"notifications", list}, {"unreadCount", *count}});
}

void MarkRead(App& app, RequestContext& ctx) {
  auto found = MarkNotificationRead(app.db, ctx.session->store_id, ctx.req.matches[1]);
  if (!found.ok()) return SendError(ctx.res, found.status());
  if (!*found) return SendError(ctx.res, Status::NotFound("notification not found"));
  SendJson(ctx.res, 200, {{"success", true}});
}

void MarkAllRead(App& app, RequestContext& ctx) {
  auto updated = MarkAllNotificationsRead(app.db, ctx.session->store_id);
  if (!updated.ok()) return SendError(ctx.res, updated.status());
  SendJson(ctx.res, 200, {{"success", true}, {"updated", *updated}});
}

// What the second opinion cost a scan or poll (issue 11).
Json AiSpendJson(const AiSpend& s) {
  return {
      {"calls", s.calls},       {"inputTokens", s.input_tokens}, {"outputTokens", s.output_tokens},
      {"costUsd", s.cost_usd},  {"latencyMs", s.latency_ms},     {"posts", s.posts},
      {"failures", s.failures}, {"limited", s.limited}};
}

void SyncHistory(App& app, RequestContext& ctx) {
  auto page = ReadPageRequest(ctx.req);
  if (!page.ok()) return SendError(ctx.res, page.status());
  auto found = ListSyncHistory(app.db, ctx.session->store_id, *page);
  if (!found.ok()) return SendError(ctx.res, found.status());
  Json history = Json::array();
  for (const SyncHistoryRow& h : found->rows)
    history.push_back({{"id", h.id},
                       {"syncType", h.sync_type},
                       {"triggerSource", h.trigger_source},
                       {"status", h.status},
                       {"totalMedia", h.total_media},
                       {"totalProcessed", h.total_processed},
                       {"draftsCreated", h.drafts_created},
                       {"productsImported", h.products_imported},
                       {"productsUpdated", h.products_updated},
                       {"productsSkipped", h.products_skipped},
                       {"productsFailed", h.products_failed},
                       {"apiCallsUsed", OptionalJson(h.api_calls_used)},
                       {"errors", h.errors},
                       {"startedAt", h.started_at},
                       {"completedAt", h.completed_at ? Json(*h.completed_at) : Json()},
                       {"durationMs", OptionalJson(h.duration_ms)},
                       {"ai", AiSpendJson(h.ai)}});
  SendJson(ctx.res, 200,
           {{"history", history},
            {"pagination", PaginationJson(found->total, page->page, page->limit)}});
}

}  // namespace

void RegisterNotificationRoutes(Router& router, App& app) {
  router.Get("/api/notifications", Access::kSession,
             [&app](RequestContext& c) { ListNotifications(app, c); });
  router.Post("/api/notifications/read-all", Access::kSession,
              [&app](RequestContext& c) { MarkAllRead(app, c); });
  router.Post(R"(/api/notifications/([A-Za-z0-9_]{1,64})/read)", Access::kSession,
              [&app](RequestContext& c) { MarkRead(app, c); });
  router.Get("/api/instagram/sync-history", Access::kSession,
             [&app](RequestContext& c) { SyncHistory(app, c); });
}

}  // namespace vendly::server
