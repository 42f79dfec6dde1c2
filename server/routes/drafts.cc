// US-6, the draft workflow (plan 5.3): list, read, edit, approve, reject and batch-approve drafts;
// the catalog they become (GET /api/products); and the scheduled expiry of drafts after 7 days.
// Every statement is scoped by the session's store: another store's id is as unknown as a made-up
// one. The rules (edits, validation, slugs) are the core's, through catalog.cc.
#include <vendly/draft.h>
#include <vendly/registry.h>

#include <algorithm>

#include "app/app.h"
#include "app/log.h"
#include "jobs/queue.h"
#include "routes/catalog.h"

namespace vendly::server {
namespace {

constexpr int kMaxBatch = 200;
// "High confidence" and "expiring" as the registry says (vendly/registry.h).
const std::string kHighConfidenceSql = std::to_string(kHighConfidence);
const std::string kExpiringSoonSql =
    "now() + interval '" + std::to_string(kDraftExpiringSoonHours) + " hours'";

std::string DraftId(const httplib::Request& req) { return req.matches[1]; }

Result<Json> LoadDraft(Conn& conn, const std::string& store_id, const std::string& draft_id) {
  auto rows = conn.Exec(std::string("SELECT ") + kDraftColumns +
                            " FROM product_draft d WHERE d.id = $1 AND d.store_id = $2",
                        {draft_id, store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("draft not found");
  return DraftJson(*rows, 0);
}

void SendApprovalError(httplib::Response& res, const Approval& a) {
  if (a.status.code() == "validation_failed")
    return SendJson(res, 422,
                    {{"error", {{"code", a.status.code()}, {"message", a.status.message()}}},
                     {"errors", a.errors}});
  SendError(res, a.status);
}

void ListDrafts(App& app, RequestContext& ctx) {
  const auto& req = ctx.req;
  auto page = ReadPageRequest(req);
  if (!page.ok()) return SendError(ctx.res, page.status());

  Params params = {ctx.session->store_id};
  std::string where = "d.store_id = $1";
  const std::string status = req.has_param("status") ? req.get_param_value("status") : "pending";
  if (status != "all") {
    if (status != "pending" && status != "approved" && status != "rejected" && status != "expired")
      return SendError(ctx.res, Status::InvalidRequest(
                                    "status must be pending, approved, rejected, expired or all"));
    params.push_back(status);
    where += " AND d.approval_status = $" + std::to_string(params.size());
  }
  if (req.has_param("confidence")) {
    const std::string c = req.get_param_value("confidence");
    if (c == "high")
      where += " AND d.confidence >= " + kHighConfidenceSql;
    else if (c == "low")
      where += " AND d.confidence < " + kHighConfidenceSql;
    else
      return SendError(ctx.res, Status::InvalidRequest("confidence must be high or low"));
  }
  if (req.has_param("expiring")) {
    const std::string e = req.get_param_value("expiring");
    if (e != "true" && e != "false")
      return SendError(ctx.res, Status::InvalidRequest("expiring must be true or false"));
    if (e == "true")
      where += " AND d.approval_status = 'pending' AND d.expires_at < " + kExpiringSoonSql;
  }
  if (req.has_param("scanId")) {
    params.push_back(req.get_param_value("scanId"));
    where += " AND d.sync_history_id = $" + std::to_string(params.size());
  }
  std::string order;
  const std::string sort = req.has_param("sort") ? req.get_param_value("sort") : "newest";
  if (sort == "newest")
    order = "d.ig_timestamp DESC, d.item_index";
  else if (sort == "oldest")
    order = "d.ig_timestamp, d.item_index";
  else if (sort == "confidence")
    order = "d.confidence DESC, d.ig_timestamp DESC, d.item_index";
  else if (sort == "confidence_asc")
    order = "d.confidence, d.ig_timestamp DESC, d.item_index";
  else if (sort == "expires")
    order = "d.expires_at, d.ig_timestamp DESC, d.item_index";
  else
    return SendError(ctx.res,
                     Status::InvalidRequest(
                         "sort must be newest, oldest, confidence, confidence_asc or expires"));

  auto found =
      QueryPage(app.db, kDraftColumns, "product_draft d WHERE " + where, order, params, *page);
  if (!found.ok()) return SendError(ctx.res, found.status());
  Json drafts = Json::array();
  for (int i = 0; i < found->rows.size(); ++i) drafts.push_back(DraftJson(found->rows, i));
  auto counts =
      app.db.Exec(std::string("SELECT count(*) AS all_n, count(*) FILTER (WHERE confidence >= ") +
                      kHighConfidenceSql + ") AS high_n, count(*) FILTER (WHERE confidence < " +
                      kHighConfidenceSql + ") AS low_n, count(*) FILTER (WHERE expires_at < " +
                      kExpiringSoonSql +
                      ") AS "
                      "expiring_n"
                      " FROM product_draft WHERE store_id = $1 AND approval_status = 'pending'",
                  {ctx.session->store_id});
  if (!counts.ok()) return SendError(ctx.res, counts.status());
  SendJson(ctx.res, 200,
           {{"drafts", drafts},
            {"pagination", PaginationJson(found->total, page->page, page->limit)},
            {"counts",
             {{"all", counts->Int(0, "all_n")},
              {"high", counts->Int(0, "high_n")},
              {"low", counts->Int(0, "low_n")},
              {"expiring", counts->Int(0, "expiring_n")}}}});
}

void GetDraft(App& app, RequestContext& ctx) {
  Status error;
  auto conn = app.db.Borrow(&error);
  if (!conn) return SendError(ctx.res, error);
  auto draft = LoadDraft(*conn, ctx.session->store_id, DraftId(ctx.req));
  if (!draft.ok()) return SendError(ctx.res, draft.status());
  SendJson(ctx.res, 200, {{"draft", *draft}});
}

// The edits of a PATCH or an approve body, checked by the core (unknown fields, wrong types)
// against the draft's extraction. Validation problems of the result (an empty name) are not errors
// here: the draft is saved and shows them.
Result<Json> ReadEdits(const Json& body, const Json& extracted) {
  DraftResult base = DraftFromJson(extracted);
  DraftResult applied = ApplyEdits(base.draft, body);
  if (!applied.errors.empty()) return Status::ValidationFailed(ErrorsToJson(applied.errors).dump());
  return body;
}

void SendEditErrors(httplib::Response& res, const Status& st) {
  if (st.code() != "validation_failed") return SendError(res, st);
  SendJson(res, 422,
           {{"error", {{"code", "validation_failed"}, {"message", "some edits are not valid"}}},
            {"errors", ToApiJson(Json::parse(st.message(), nullptr, false))}});
}

void PatchDraft(App& app, RequestContext& ctx) {
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) return SendError(ctx.res, body.status());
  Json result;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto rows = conn.Exec(
        "SELECT approval_status, extracted_data, seller_edits FROM product_draft"
        " WHERE id = $1 AND store_id = $2 FOR UPDATE",
        {DraftId(ctx.req), ctx.session->store_id});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("draft not found");
    if (rows->Text(0, "approval_status") != "pending")
      return Status::Conflict(
          "draft_not_pending",
          "this draft is " + rows->Text(0, "approval_status") + " and can no longer be edited");
    Json extracted = Json::parse(rows->Text(0, "extracted_data"), nullptr, false);
    auto edits = ReadEdits(*body, extracted);
    if (!edits.ok()) return edits.status();
    Json merged = Json::parse(rows->Get(0, "seller_edits").value_or("{}"), nullptr, false);
    if (!merged.is_object()) merged = Json::object();
    for (auto it = body->begin(); it != body->end(); ++it) merged[it.key()] = it.value();
    auto upd = conn.Exec(
        "UPDATE product_draft SET seller_edits = $3::jsonb, updated_at = now() WHERE id = $1 AND"
        " store_id = $2",
        {DraftId(ctx.req), ctx.session->store_id, merged.dump()});
    if (!upd.ok()) return upd.status();
    auto draft = LoadDraft(conn, ctx.session->store_id, DraftId(ctx.req));
    if (!draft.ok()) return draft.status();
    result = *draft;
    return Status::Ok();
  });
  if (!st.ok()) return SendEditErrors(ctx.res, st);
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
                               {"productId", approval.product.value("id", "")},
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
      auto row =
          app.db.Exec("SELECT extracted_data FROM product_draft WHERE id = $1 AND store_id = $2",
                      {DraftId(ctx.req), ctx.session->store_id});
      if (!row.ok()) return SendError(ctx.res, row.status());
      if (row->empty()) return SendError(ctx.res, Status::NotFound("draft not found"));
      auto checked = ReadEdits(*body, Json::parse(row->Text(0, "extracted_data"), nullptr, false));
      if (!checked.ok()) return SendEditErrors(ctx.res, checked.status());
      edits = *body;
    }
  }
  Approval a = ApproveOne(app, ctx.session->store_id, DraftId(ctx.req), edits);
  if (!a.status.ok()) return SendApprovalError(ctx.res, a);
  Json body = {{"success", true}, {"product", a.product}};
  if (a.already_approved) body["alreadyApproved"] = true;
  SendJson(ctx.res, 200, body);
}

void Reject(App& app, RequestContext& ctx) {
  std::optional<std::string> reason;
  if (!ctx.req.body.empty()) {
    auto body = ParseJsonObject(ctx.req);
    if (!body.ok()) return SendError(ctx.res, body.status());
    if (body->contains("reason") && !(*body)["reason"].is_null()) {
      auto r = RequireString(*body, "reason", 0, 500);
      if (!r.ok()) return SendError(ctx.res, r.status());
      if (!r->empty()) reason = *r;
    }
  }
  auto rejected = RejectDraft(app.db, ctx.session->store_id, DraftId(ctx.req), reason);
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
  if (!body->contains("draftIds") || !(*body)["draftIds"].is_array() ||
      (*body)["draftIds"].empty() || (*body)["draftIds"].size() > kMaxBatch)
    return SendError(ctx.res, Status::InvalidRequest("draftIds must be a list of 1 to " +
                                                     std::to_string(kMaxBatch) + " draft ids"));
  std::vector<std::string> ids;
  for (const auto& id : (*body)["draftIds"]) {
    if (!id.is_string() || id.get<std::string>().empty() || id.get<std::string>().size() > 64)
      return SendError(ctx.res, Status::InvalidRequest("draftIds must hold draft id strings"));
    if (std::find(ids.begin(), ids.end(), id.get<std::string>()) == ids.end()) ids.push_back(id);
  }
  Json items = Json::array(), products = Json::array();
  int approved = 0, failed = 0;
  for (const auto& id : ids) {
    Approval a = ApproveOne(app, ctx.session->store_id, id, nullptr);
    if (a.status.ok()) {
      ++approved;
      products.push_back(a.product);
      items.push_back({{"draftId", id}, {"status", "approved"}, {"productId", a.product["id"]}});
    } else {
      ++failed;
      Json error = {
          {"code", a.status.code()},
          {"message", a.status.is_server_error() ? "internal error" : a.status.message()}};
      if (a.status.code() == "validation_failed") error["errors"] = a.errors;
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
  Params params = {ctx.session->store_id};
  std::string where = "p.store_id = $1";
  const std::string status = req.has_param("status") ? req.get_param_value("status") : "active";
  if (status != "all") {
    if (status != "active" && status != "archived" && status != "draft")
      return SendError(ctx.res,
                       Status::InvalidRequest("status must be active, archived, draft or all"));
    params.push_back(status);
    where += " AND p.status = $" + std::to_string(params.size());
  }
  if (req.has_param("q") && !req.get_param_value("q").empty()) {
    const std::string q = req.get_param_value("q");
    if (q.size() > 200)
      return SendError(ctx.res, Status::InvalidRequest("q is at most 200 characters"));
    params.push_back(q);
    where += " AND strpos(lower(p.name), lower($" + std::to_string(params.size()) + ")) > 0";
  }
  auto found = QueryPage(app.db, kProductColumns, "product p WHERE " + where,
                         "p.created_at DESC, p.id", params, *page);
  if (!found.ok()) return SendError(ctx.res, found.status());
  Json products = Json::array();
  for (int i = 0; i < found->rows.size(); ++i) products.push_back(ProductJson(found->rows, i));
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
