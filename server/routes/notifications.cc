// In-app notifications (plan 6.4) and the sync history (plan 5.5): what happened to the seller's
// catalog, newest first.
#include "app/app.h"
#include "routes/catalog.h"

namespace vendly::server {
namespace {

Json JsonOr(const std::optional<std::string>& text, Json fallback) {
  if (!text) return fallback;
  Json v = Json::parse(*text, nullptr, false);
  return v.is_discarded() ? fallback : v;
}

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

void SyncHistory(App& app, RequestContext& ctx) {
  auto page = ReadPageRequest(ctx.req);
  if (!page.ok()) return SendError(ctx.res, page.status());
  auto found = QueryPage(
      app.db,
      "id, sync_type, trigger_source, status, total_media, total_processed, drafts_created,"
      " products_imported, products_updated, products_skipped, products_failed, api_calls_used,"
      " errors, iso_utc(started_at) AS started_at, iso_utc(completed_at) AS completed_at,"
      " duration_ms",
      "instagram_sync_history WHERE store_id = $1", "created_at DESC, id", {ctx.session->store_id},
      *page);
  if (!found.ok()) return SendError(ctx.res, found.status());
  const Rows* rows = &found->rows;
  Json history = Json::array();
  for (int i = 0; i < rows->size(); ++i) {
    auto nullable_int = [&](const char* column) {
      return rows->Get(i, column) ? Json(rows->Int(i, column)) : Json();
    };
    history.push_back(
        {{"id", rows->Text(i, "id")},
         {"syncType", rows->Text(i, "sync_type")},
         {"triggerSource", rows->Text(i, "trigger_source")},
         {"status", rows->Text(i, "status")},
         {"totalMedia", rows->Int(i, "total_media")},
         {"totalProcessed", rows->Int(i, "total_processed")},
         {"draftsCreated", rows->Int(i, "drafts_created")},
         {"productsImported", rows->Int(i, "products_imported")},
         {"productsUpdated", rows->Int(i, "products_updated")},
         {"productsSkipped", rows->Int(i, "products_skipped")},
         {"productsFailed", rows->Int(i, "products_failed")},
         {"apiCallsUsed", nullable_int("api_calls_used")},
         {"errors", JsonOr(rows->Get(i, "errors"), Json::array())},
         {"startedAt", rows->Text(i, "started_at")},
         {"completedAt",
          rows->Get(i, "completed_at") ? Json(rows->Text(i, "completed_at")) : Json()},
         {"durationMs", nullable_int("duration_ms")}});
  }
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
