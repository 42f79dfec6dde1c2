// US-6, the draft workflow (plan 5.3): list, read, edit, approve, reject and batch-approve drafts;
// the catalog they become (GET /api/products); and the scheduled expiry of drafts after 7 days.
// Every statement is scoped by the session's store: another store's id is as unknown as a made-up
// one. The rules (edits, validation, slugs) are the core's, through catalog.cc.
#include <vendly/approval.h>
#include <vendly/draft.h>
#include <vendly/registry.h>

#include <algorithm>

#include "app/app.h"
#include "app/log.h"
#include "jobs/queue.h"
#include "routes/catalog.h"

namespace vendly::server {
namespace {

std::string DraftId(const httplib::Request& req) { return req.matches[1]; }

Result<Json> LoadDraft(Conn& conn, const std::string& store_id, const std::string& draft_id) {
  auto draft = FindDraft(conn, store_id, draft_id);
  if (!draft.ok()) return draft.status();
  if (!*draft) return Status::NotFound("draft not found");
  return DraftJson(**draft);
}

void SendApprovalError(httplib::Response& res, const Approval& a) {
  if (a.status.code() == "validation_failed")
    return SendJson(res, 422,
                    {{"error", {{"code", a.status.code()}, {"message", a.status.message()}}},
                     {"errors", ErrorsJson(a.errors)}});
  SendError(res, a.status);
}

// The list's filter and order from the query (?status, ?confidence, ?expiring, ?scanId, ?sort).
Result<DraftFilter> ReadDraftFilter(const httplib::Request& req) {
  DraftFilter filter;
  const std::string status = req.has_param("status") ? req.get_param_value("status") : "pending";
  if (status != "all") {
    filter.status = vendly::ParseApprovalStatus(status);
    if (!filter.status)
      return Status::InvalidRequest("status must be pending, approved, rejected, expired or all");
  }
  if (req.has_param("confidence")) {
    const std::string c = req.get_param_value("confidence");
    if (c != "high" && c != "low") return Status::InvalidRequest("confidence must be high or low");
    filter.high_confidence = c == "high";
  }
  if (req.has_param("expiring")) {
    const std::string e = req.get_param_value("expiring");
    if (e != "true" && e != "false")
      return Status::InvalidRequest("expiring must be true or false");
    filter.expiring = e == "true";
  }
  if (req.has_param("scanId")) filter.scan_id = req.get_param_value("scanId");
  const std::string sort = req.has_param("sort") ? req.get_param_value("sort") : "newest";
  if (sort == "newest")
    filter.sort = DraftSort::kNewest;
  else if (sort == "oldest")
    filter.sort = DraftSort::kOldest;
  else if (sort == "confidence")
    filter.sort = DraftSort::kConfidence;
  else if (sort == "confidence_asc")
    filter.sort = DraftSort::kConfidenceAsc;
  else if (sort == "expires")
    filter.sort = DraftSort::kExpires;
  else
    return Status::InvalidRequest(
        "sort must be newest, oldest, confidence, confidence_asc or expires");
  return filter;
}

void ListDrafts(App& app, RequestContext& ctx) {
  auto page = ReadPageRequest(ctx.req);
  if (!page.ok()) return SendError(ctx.res, page.status());
  auto filter = ReadDraftFilter(ctx.req);
  if (!filter.ok()) return SendError(ctx.res, filter.status());
  auto found = ListDraftPage(app.db, ctx.session->store_id, *filter, *page);
  if (!found.ok()) return SendError(ctx.res, found.status());
  Json drafts = Json::array();
  for (const DraftRow& d : found->drafts) drafts.push_back(DraftJson(d));
  auto counts = PendingDraftCounts(app.db, ctx.session->store_id);
  if (!counts.ok()) return SendError(ctx.res, counts.status());
  SendJson(ctx.res, 200,
           {{"drafts", drafts},
            {"pagination", PaginationJson(found->total, page->page, page->limit)},
            {"counts",
             {{"all", counts->all},
              {"high", counts->high},
              {"low", counts->low},
              {"expiring", counts->expiring}}}});
}

void GetDraft(App& app, RequestContext& ctx) {
  Status error;
  auto conn = app.db.Borrow(&error);
  if (!conn) return SendError(ctx.res, error);
  auto draft = LoadDraft(*conn, ctx.session->store_id, DraftId(ctx.req));
  if (!draft.ok()) return SendError(ctx.res, draft.status());
  SendJson(ctx.res, 200, {{"draft", *draft}});
}

// The problems of the edits of a PATCH or an approve body (unknown fields, wrong types), checked by
// the core against the draft's extraction; none when it accepts them. Validation problems of the
// result (an empty name) are not among them: the draft is saved and shows them.
std::vector<vendly::FieldError> EditProblems(const Json& body, const DraftRow& draft) {
  return vendly::ApplyEdits(draft.extracted.draft, body).errors;
}

void SendEditErrors(httplib::Response& res, const std::vector<vendly::FieldError>& errors) {
  SendJson(res, 422,
           {{"error", {{"code", "validation_failed"}, {"message", "some edits are not valid"}}},
            {"errors", ErrorsJson(errors)}});
}

void PatchDraft(App& app, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  const std::string& store_id = ctx.session->store_id;
  Json result;
  std::vector<vendly::FieldError> problems;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto draft = LockDraft(conn, store_id, DraftId(ctx.req));
    if (!draft.ok()) return draft.status();
    if (!*draft) return Status::NotFound("draft not found");
    const DraftRow& d = **draft;
    const auto status = vendly::ParseApprovalStatus(d.approval_status);
    if (!status || !vendly::SellerMayEdit(*status))
      return Status::Conflict("draft_not_pending", "this draft is " + d.approval_status +
                                                       " and can no longer be edited");
    problems = EditProblems(*body, d);
    if (!problems.empty()) return Status::ValidationFailed("some edits are not valid");
    Status saved =
        SaveSellerEdits(conn, store_id, d.id, vendly::MergeSellerEdits(d.seller_edits, *body));
    if (!saved.ok()) return saved;
    auto loaded = LoadDraft(conn, store_id, d.id);
    if (!loaded.ok()) return loaded.status();
    result = *loaded;
    return Status::Ok();
  });
  if (!problems.empty()) return SendEditErrors(ctx.res, problems);
  if (!st.ok()) return SendError(ctx.res, st);
  SendJson(ctx.res, 200, {{"success", true}, {"draft", result}});
}

// Approves one draft in its own transaction.
Approval ApproveOne(App& app, const std::string& store_id, const std::string& draft_id,
                    const Json& edits) {
  Approval approval;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    approval = ApproveDraft(conn, store_id, draft_id, edits);
    return approval.status;
  });
  if (!st.ok() && approval.status.ok()) approval.status = st;  // the commit itself failed
  if (approval.status.ok())
    LogInfo("draft_approved", {{"storeId", store_id},
                               {"draftId", draft_id},
                               {"productId", approval.product.id},
                               {"alreadyApproved", approval.already_approved}});
  return approval;
}

void Approve(App& app, RequestContext& ctx) {
  Json edits = nullptr;
  if (!ctx.req.body.empty()) {
    auto body = ParseJsonObject(ctx.req);
    if (!body.ok()) return SendError(ctx.res, body.status());
    if (!body->empty()) {
      // The same checks as PATCH, against the draft's extraction.
      auto draft = FindDraft(app.db, ctx.session->store_id, DraftId(ctx.req));
      if (!draft.ok()) return SendError(ctx.res, draft.status());
      if (!*draft) return SendError(ctx.res, Status::NotFound("draft not found"));
      auto problems = EditProblems(*body, **draft);
      if (!problems.empty()) return SendEditErrors(ctx.res, problems);
      edits = *body;
    }
  }
  Approval a = ApproveOne(app, ctx.session->store_id, DraftId(ctx.req), edits);
  if (!a.status.ok()) return SendApprovalError(ctx.res, a);
  Json body = {{"success", true}, {"product", ProductJson(a.product)}};
  if (a.already_approved) body["alreadyApproved"] = true;
  SendJson(ctx.res, 200, body);
}

void Reject(App& app, RequestContext& ctx) {
  auto reason = ReadRejectBody(ctx.req.body, ctx.req.get_header_value("Content-Type"));
  if (!reason.ok()) return SendError(ctx.res, reason.status());
  auto rejected = RejectDraft(app.db, ctx.session->store_id, DraftId(ctx.req), *reason);
  if (!rejected.ok()) return SendError(ctx.res, rejected.status());
  if (!*rejected) return SendError(ctx.res, Status::NotFound("draft not found"));
  if (!(*rejected)->rejected)
    return SendError(ctx.res, Status::Conflict("draft_not_pending",
                                               "this draft is " + (*rejected)->status_before +
                                                   " and can no longer be rejected"));
  LogInfo("draft_rejected", {{"storeId", ctx.session->store_id}, {"draftId", DraftId(ctx.req)}});
  SendJson(ctx.res, 200, {{"success", true}, {"message", "Draft rejected"}});
}

void BatchApprove(App& app, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  auto ids = ReadBatchApproveBody(*body);
  if (!ids.ok()) return SendError(ctx.res, ids.status());
  Json items = Json::array(), products = Json::array();
  int approved = 0, failed = 0;
  for (const auto& id : *ids) {
    Approval a = ApproveOne(app, ctx.session->store_id, id, nullptr);
    if (a.status.ok()) {
      ++approved;
      products.push_back(ProductJson(a.product));
      items.push_back({{"draftId", id}, {"status", "approved"}, {"productId", a.product.id}});
    } else {
      ++failed;
      Json error = {
          {"code", a.status.code()},
          {"message", a.status.is_server_error() ? "internal error" : a.status.message()}};
      if (a.status.code() == "validation_failed") error["errors"] = ErrorsJson(a.errors);
      items.push_back({{"draftId", id}, {"status", "failed"}, {"error", error}});
    }
  }
  SendJson(ctx.res, 200,
           {{"success", approved > 0},
            {"results", {{"approved", approved}, {"failed", failed}}},
            {"products", products},
            {"items", items}});
}

void ListProducts(App& app, RequestContext& ctx) {
  const auto& req = ctx.req;
  auto page = ReadPageRequest(req);
  if (!page.ok()) return SendError(ctx.res, page.status());
  ProductFilter filter;
  const std::string status = req.has_param("status") ? req.get_param_value("status") : "active";
  if (status != "all") {
    if (status != "active" && status != "archived" && status != "draft")
      return SendError(ctx.res,
                       Status::InvalidRequest("status must be active, archived, draft or all"));
    filter.status = status;
  }
  if (req.has_param("q") && !req.get_param_value("q").empty()) {
    const std::string q = req.get_param_value("q");
    if (q.size() > 200)
      return SendError(ctx.res, Status::InvalidRequest("q is at most 200 characters"));
    filter.name_contains = q;
  }
  auto found = ListProductPage(app.db, ctx.session->store_id, filter, *page);
  if (!found.ok()) return SendError(ctx.res, found.status());
  Json products = Json::array();
  for (const ProductRow& p : found->products) products.push_back(ProductJson(p));
  SendJson(ctx.res, 200,
           {{"products", products},
            {"pagination", PaginationJson(found->total, page->page, page->limit)}});
}

void GetProduct(App& app, RequestContext& ctx) {
  Status error;
  auto conn = app.db.Borrow(&error);
  if (!conn) return SendError(ctx.res, error);
  auto product = LoadProduct(*conn, ctx.session->store_id, ctx.req.matches[1]);
  if (!product.ok()) return SendError(ctx.res, product.status());
  SendJson(ctx.res, 200, {{"product", *product}});
}

// Pending drafts past their expiry become 'expired' (plan: drafts expire after 7 days). Recurring.
JobOutcome ExpireDrafts(JobContext& ctx) {
  auto expired = ExpireDueDrafts(ctx.app().db);
  if (!expired.ok()) return JobOutcome::Retry(expired.status().message());
  if (*expired > 0) LogInfo("drafts_expired", {{"count", *expired}});
  return JobOutcome::Succeeded({{"expired", *expired}});
}

}  // namespace

void RegisterDraftRoutes(Router& router, App& app) {
  const std::string id = R"(([A-Za-z0-9_]{1,64}))";
  router.Get("/api/products/drafts", Access::kSession,
             [&app](RequestContext& c) { ListDrafts(app, c); });
  router.Post("/api/products/drafts/batch-approve", Access::kSession,
              [&app](RequestContext& c) { BatchApprove(app, c); });
  router.Get("/api/products/drafts/" + id, Access::kSession,
             [&app](RequestContext& c) { GetDraft(app, c); });
  router.Patch("/api/products/drafts/" + id, Access::kSession,
               [&app](RequestContext& c) { PatchDraft(app, c); });
  router.Post("/api/products/drafts/" + id + "/approve", Access::kSession,
              [&app](RequestContext& c) { Approve(app, c); });
  router.Post("/api/products/drafts/" + id + "/reject", Access::kSession,
              [&app](RequestContext& c) { Reject(app, c); });
  router.Get("/api/products", Access::kSession,
             [&app](RequestContext& c) { ListProducts(app, c); });
  router.Get("/api/products/" + id, Access::kSession,
             [&app](RequestContext& c) { GetProduct(app, c); });
}

void RegisterDraftJobs(JobRunner& runner, App& app) {
  runner.Register("draft_expiry", ExpireDrafts);
  runner.Schedule("draft_expiry", std::chrono::seconds(app.config.draft_expiry_interval_seconds));
}

}  // namespace vendly::server
