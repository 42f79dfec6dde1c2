// GET /metrics: Prometheus text exposition of this process's counters (http/metrics.h) and the
// database-wide figures (store/metrics_store.h). Guarded by VENDLY_METRICS_TOKEN as a bearer token,
// or, when no token is configured, answered to loopback clients only.
#include "http/metrics.h"

#include <sstream>

#include "app/app.h"
#include "crypto/crypto.h"
#include "store/metrics_store.h"

namespace vendly::server {
namespace {

bool IsLoopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address == "::ffff:127.0.0.1";
}

// Empty when the caller may read the metrics; otherwise the reason.
std::string MetricsRefusal(const Config& config, const RequestContext& ctx) {
  const httplib::Request& req = ctx.req;
  if (config.metrics_token.empty())
    return IsLoopback(ctx.client_address) ? "" : "metrics are served to loopback clients only";
  const std::string auth = req.get_header_value("Authorization");
  const std::string expected = "Bearer " + config.metrics_token;
  return ConstantTimeEquals(auth, expected) ? "" : "a metrics token is required";
}

void Gauge(std::ostringstream& out, const char* name, const char* help, double value) {
  out << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n"
      << name << " " << value << "\n";
}

// A ratio only when its denominator is not 0: an empty window has no rate to alert on.
void Ratio(std::ostringstream& out, const char* name, const char* help, double part, double whole) {
  if (whole > 0) Gauge(out, name, help, part / whole);
}

void RenderQueue(std::ostringstream& out, const std::vector<JobQueueFigure>& queue) {
  out << "# HELP vendly_job_queue_depth Jobs due and waiting for a worker, by kind.\n"
         "# TYPE vendly_job_queue_depth gauge\n";
  for (const auto& q : queue)
    out << "vendly_job_queue_depth{kind=\"" << EscapeLabel(q.kind) << "\"} " << q.queued << "\n";
  out << "# HELP vendly_job_running Jobs claimed by a worker, by kind.\n"
         "# TYPE vendly_job_running gauge\n";
  for (const auto& q : queue)
    out << "vendly_job_running{kind=\"" << EscapeLabel(q.kind) << "\"} " << q.running << "\n";
  out << "# HELP vendly_job_oldest_due_seconds Wait of the oldest due queued job, by kind.\n"
         "# TYPE vendly_job_oldest_due_seconds gauge\n";
  for (const auto& q : queue)
    out << "vendly_job_oldest_due_seconds{kind=\"" << EscapeLabel(q.kind) << "\"} "
        << q.oldest_due_seconds << "\n";
}

void RenderFigures(std::ostringstream& out, const ProductFigures& f) {
  const double syncs = double(f.syncs_success + f.syncs_partial + f.syncs_failed);
  Gauge(out, "vendly_syncs_finished_24h", "Scans and syncs that ended in the last 24 h.", syncs);
  Ratio(out, "vendly_sync_success_ratio_24h",
        "Share of the last 24 h's scans and syncs that succeeded.", double(f.syncs_success), syncs);
  Ratio(out, "vendly_sync_post_error_ratio_24h",
        "Share of the posts processed by the last 24 h's syncs that failed.",
        double(f.sync_posts_failed), double(f.sync_posts_processed));
  Gauge(out, "vendly_graph_calls_recorded_24h",
        "Graph API calls recorded by the last 24 h's scans and syncs.", double(f.sync_api_calls));
  Gauge(out, "vendly_drafts_created_24h", "Drafts created in the last 24 h.",
        double(f.drafts_created));
  Ratio(out, "vendly_draft_confidence_mean_24h",
        "Mean extraction confidence of the drafts created in the last 24 h.",
        f.drafts_confidence_sum, double(f.drafts_created));
  const double decided = double(f.drafts_approved + f.drafts_rejected);
  Ratio(out, "vendly_draft_approval_ratio_7d",
        "Share of the drafts decided in the last 7 days that were approved.",
        double(f.drafts_approved), decided);
  Ratio(out, "vendly_extraction_unedited_ratio_7d",
        "Share of the drafts approved in the last 7 days that the seller did not edit "
        "(extraction accuracy).",
        double(f.drafts_approved - f.drafts_approved_edited), double(f.drafts_approved));
  Ratio(out, "vendly_time_to_import_seconds_mean_7d",
        "Mean seconds from a draft's import to its approval, over the last 7 days.",
        f.approval_seconds_sum, double(f.drafts_approved));
  Ratio(out, "vendly_job_error_ratio_24h",
        "Share of the jobs finished in the last 24 h that failed for good.", double(f.jobs_failed),
        double(f.jobs_finished));
}

void ServeMetrics(App& app, RequestContext& ctx) {
  const std::string refusal = MetricsRefusal(app.config, ctx);
  if (!refusal.empty()) return SendError(ctx.res, 401, "unauthorized", refusal);
  auto queue = ReadJobQueue(app.db);
  if (!queue.ok()) return SendError(ctx.res, queue.status());
  auto figures = ReadProductFigures(app.db);
  if (!figures.ok()) return SendError(ctx.res, figures.status());
  std::ostringstream out;
  out << Metrics::Global().Render();
  RenderQueue(out, *queue);
  RenderFigures(out, *figures);
  ctx.res.set_header("Cache-Control", "no-store");
  ctx.res.set_content(out.str(), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace

void RegisterMetricsRoutes(Router& router, App& app) {
  router.Get("/metrics", Access::kPublic, [&app](RequestContext& c) { ServeMetrics(app, c); });
}

}  // namespace vendly::server
