#include "routes/catalog.h"

#include <time.h>
#include <vendly/api.h>
#include <vendly/draft.h>
#include <vendly/draft_plan.h>
#include <vendly/extract.h>
#include <vendly/registry.h>

#include <cctype>
#include <cmath>
#include <cstdio>

#include "app/log.h"
#include "crypto/crypto.h"
#include "jobs/queue.h"
#include "media/media.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

Json OptionalText(const Rows& rows, int row, const char* column) {
  auto v = rows.Get(row, column);
  return v ? Json(*v) : Json();
}

// The core's product as stored in extracted_data, reduced to a draft's fields plus the seller's
// edits: {"draft":{...},"errors":[...]} from the core.
Json CurrentDraft(const Json& extracted, const Json& edits) {
  vendly::DraftResult read = vendly::DraftFromJson(extracted);
  vendly::DraftResult edited =
      vendly::ApplyEdits(read.draft, edits.is_object() ? edits : Json::object());
  std::vector<vendly::FieldError> errors = std::move(read.errors);
  for (auto& e : edited.errors) errors.push_back(std::move(e));
  for (auto& e : vendly::ValidateDraft(edited.draft)) errors.push_back(std::move(e));
  return {{"draft", Json(vendly::DraftToJson(edited.draft))},
          {"errors", Json(vendly::ErrorsToJson(errors))}};
}

// The product fields the seller changed, as names of the core's draft (for the sync merge).
Json EditedFields(const Json& edits) {
  Json fields = Json::array();
  if (!edits.is_object()) return fields;
  for (auto it = edits.begin(); it != edits.end(); ++it) {
    const std::string_view field = FieldOfEditKey(it.key());
    if (!field.empty()) fields.push_back(std::string(field));
  }
  return fields;
}

}  // namespace

Json AmountValue(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  double v = std::strtod(text->c_str(), nullptr);
  if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 1e15)
    return static_cast<long long>(v);
  return v;
}

Json JsonColumn(const Rows& rows, int row, const char* column, Json fallback) {
  auto text = rows.Get(row, column);
  if (!text) return fallback;
  Json parsed = Json::parse(*text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

Param NumberParam(const Json& v) {
  if (!v.is_number()) return std::nullopt;
  return v.dump();
}

Result<int> IntQueryParam(const httplib::Request& req, const char* name, int fallback, int max) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(v) < 1 || std::stoi(v) > max)
    return Status::InvalidRequest(std::string(name) + " must be a whole number from 1 to " +
                                  std::to_string(max));
  return std::stoi(v);
}

Json PaginationJson(long long total, int page, int limit) {
  return {
      {"total", total}, {"page", page}, {"limit", limit}, {"pages", (total + limit - 1) / limit}};
}

Result<PageRequest> ReadPageRequest(const httplib::Request& req) {
  auto page = IntQueryParam(req, "page", 1, 100000);
  if (!page.ok()) return page.status();
  auto limit = IntQueryParam(req, "limit", 20, 100);
  if (!limit.ok()) return limit.status();
  return PageRequest{*page, *limit};
}

Result<PageRows> QueryPage(Db& db, const std::string& columns, const std::string& from_where,
                           const std::string& order, Params params, const PageRequest& page) {
  const std::size_t n = params.size();
  params.push_back(std::to_string(page.limit));
  params.push_back(std::to_string((page.page - 1) * static_cast<long long>(page.limit)));
  auto rows = db.Exec("SELECT " + columns + ", count(*) OVER () AS total_rows FROM " + from_where +
                          " ORDER BY " + order + " LIMIT $" + std::to_string(n + 1) +
                          "::int OFFSET $" + std::to_string(n + 2) + "::bigint",
                      params);
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) return PageRows{*rows, rows->Int(0, "total_rows")};
  // A page past the end carries no window count: count on its own.
  params.resize(n);
  auto count = db.Exec("SELECT count(*) AS n FROM " + from_where, params);
  if (!count.ok()) return count.status();
  return PageRows{*rows, count->Int(0, "n")};
}

Json DraftJson(const Rows& rows, int row) {
  Json extracted = JsonColumn(rows, row, "extracted_data", Json::object());
  Json edits = JsonColumn(rows, row, "seller_edits", nullptr);
  Json current = CurrentDraft(extracted, edits);
  return {{"id", rows.Text(row, "id")},
          {"igMediaId", rows.Text(row, "ig_media_id")},
          {"itemIndex", rows.Int(row, "item_index")},
          {"igMediaUrl", rows.Text(row, "ig_permalink")},
          {"permalink", rows.Text(row, "ig_permalink")},
          {"mediaType", rows.Text(row, "ig_media_type")},
          {"caption", rows.Text(row, "ig_caption")},
          {"postedAt", rows.Text(row, "posted_at")},
          {"extractedData", ToApiJson(extracted)},
          {"sellerEdits", edits},
          {"current", ToApiJson(current["draft"])},
          {"errors", ToApiJson(current["errors"])},
          {"confidence", std::strtod(rows.Text(row, "confidence").c_str(), nullptr)},
          {"imageUrls", JsonColumn(rows, row, "image_urls", Json::array())},
          {"videoUrls", JsonColumn(rows, row, "video_urls", Json::array())},
          {"approvalStatus", rows.Text(row, "approval_status")},
          {"rejectionReason", OptionalText(rows, row, "rejection_reason")},
          {"productId", OptionalText(rows, row, "product_id")},
          {"expiresAt", rows.Text(row, "expires_at")},
          {"createdAt", rows.Text(row, "created_at")},
          {"updatedAt", rows.Text(row, "updated_at")}};
}

Json ProductJson(const Rows& rows, int row) {
  Json categories = JsonColumn(rows, row, "categories", Json::array());
  Json item_index =
      rows.Get(row, "source_item_index") ? Json(rows.Int(row, "source_item_index")) : Json();
  return {{"id", rows.Text(row, "id")},
          {"name", rows.Text(row, "name")},
          {"slug", rows.Text(row, "slug")},
          {"description", rows.Text(row, "description")},
          {"price", AmountValue(rows.Get(row, "price"))},
          {"currency", rows.Text(row, "currency")},
          {std::string(FieldInfoOf(Field::kOldPrice).api),
           AmountValue(rows.Get(row, "compare_at_price"))},
          {"category", categories.empty() || !categories[0].is_string() ? Json() : categories[0]},
          {"categories", categories},
          {"tags", JsonColumn(rows, row, "tags", Json::array())},
          {"sizes", JsonColumn(rows, row, "sizes", Json::array())},
          {"colors", JsonColumn(rows, row, "colors", Json::array())},
          {"images", JsonColumn(rows, row, "images", Json::array())},
          {"status", rows.Text(row, "status")},
          {"inStock", rows.Bool(row, "in_stock")},
          {"sourceType", rows.Text(row, "source_type")},
          {"igMediaId", OptionalText(rows, row, "source_external_id")},
          {"itemIndex", item_index},
          {"permalink", OptionalText(rows, row, "source_external_url")},
          {"draftId", OptionalText(rows, row, "draft_id")},
          {"createdAt", rows.Text(row, "created_at")},
          {"updatedAt", rows.Text(row, "updated_at")}};
}

Result<Json> LoadProduct(Conn& conn, const std::string& store_id, const std::string& product_id) {
  auto rows = ProductRows(conn, store_id, product_id);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("product not found");
  return ProductJson(*rows, 0);
}

Result<StoreSettings> LoadStoreSettings(Conn& conn, const std::string& store_id) {
  auto rows = conn.Exec(
      "SELECT id, currency, auto_approve, auto_approve_threshold FROM store WHERE id = $1",
      {store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store not found");
  return StoreSettings{rows->Text(0, "id"), rows->Text(0, "currency"),
                       rows->Bool(0, "auto_approve"),
                       std::strtod(rows->Text(0, "auto_approve_threshold").c_str(), nullptr)};
}

Status Notify(Conn& conn, const std::string& store_id, const std::string& kind,
              const std::string& title, const std::string& body, const Json& data) {
  return AddNotification(conn, store_id,
                         {kind, title, body, data.is_object() ? data : Json::object()});
}

std::optional<long long> ParseTimestamp(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10)
    return std::nullopt;
  std::string rest = text.substr(10);
  long long offset = 0;
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
    int n = 0;
    if (std::sscanf(rest.c_str() + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &n) != 3 || n != 8)
      return std::nullopt;
    std::string zone = rest.substr(9);
    if (!zone.empty() && zone[0] == '.') {  // fractional seconds
      std::size_t end = 1;
      while (end < zone.size() && std::isdigit(static_cast<unsigned char>(zone[end]))) ++end;
      zone = zone.substr(end);
    }
    if (zone == "Z" || zone.empty()) {
      offset = 0;
    } else if ((zone[0] == '+' || zone[0] == '-') && (zone.size() == 5 || zone.size() == 6)) {
      const std::string digits =
          zone.size() == 6 ? zone.substr(1, 2) + zone.substr(4, 2) : zone.substr(1);
      if (zone.size() == 6 && zone[3] != ':') return std::nullopt;
      if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
      offset = (std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2, 2))) * 60LL;
      if (zone[0] == '-') offset = -offset;
    } else {
      return std::nullopt;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<long long>(timegm(&tm)) - offset;
}

vendly::Post PostOf(const MediaItem& post, const std::string& store_currency) {
  vendly::Post input;
  input.id = post.id;
  input.caption = post.caption.value_or("");
  input.store_currency = store_currency;
  input.media_type = post.media_type;
  input.children = post.children.empty() ? 1 : static_cast<int>(post.children.size());
  return input;
}

Result<PostOutcome> UpsertPostDrafts(Conn& conn, const StoreSettings& store,
                                     const std::string& connection_id, const MediaItem& post,
                                     const std::optional<std::string>& sync_history_id) {
  PostOutcome outcome;
  const vendly::Post input = PostOf(post, store.currency);
  const vendly::Extraction extraction = vendly::Extract(input);
  const auto result = vendly::ToJson(extraction);
  outcome.is_product = extraction.is_product && !extraction.products.empty();
  std::vector<double> confidences;
  if (outcome.is_product)
    for (const auto& product : result["products"])
      confidences.push_back(product.value("confidence", 0.0));
  else
    outcome.reason = input.caption.empty()       ? "no_caption"
                     : extraction.reason.empty() ? "not_a_product"
                                                 : extraction.reason;

  auto existing = LockPostDrafts(conn, store.id, post.id);
  if (!existing.ok()) return existing.status();
  const vendly::DraftPlan plan = vendly::PlanPostDrafts(
      confidences, *existing, {store.auto_approve, store.auto_approve_threshold});
  DraftWrite write{store.id,
                   post.id,
                   0,
                   post.media_url.value_or(post.thumbnail_url.value_or("")),
                   post.permalink,
                   input.caption,
                   Sha256Hex(input.caption),
                   post.media_type,
                   post.timestamp,
                   "",
                   0,
                   sync_history_id};
  for (const vendly::PlannedDraft& item : plan.items) {
    if (item.action == vendly::DraftAction::kKeep) continue;  // the seller's decision stands
    write.item_index = item.item_index;
    write.extracted_json = Json(result["products"][item.item_index]).dump();
    write.confidence = confidences[item.item_index];
    auto written = WriteDraft(conn, write);
    if (!written.ok()) return written.status();
    if (!*written) continue;
    outcome.draft_ids.push_back((*written)->id);
    ++outcome.drafts;
    if (!item.auto_approve || !(*written)->inserted) continue;
    Approval approval = ApproveDraft(conn, store.id, (*written)->id, nullptr);
    if (approval.status.ok())
      ++outcome.products;
    else if (approval.status.code() != "validation_failed")
      return approval.status;
  }
  // Items the post no longer offers (or a post that is no longer a product).
  Status retired = RetireDrafts(conn, store.id, post.id, plan.retire);
  if (!retired.ok()) return retired;

  if (outcome.drafts > 0 && !PostImageSources(post).empty()) {
    auto job = EnqueueJob(conn, MediaCopyJob(store.id, connection_id, post));
    if (!job.ok()) return job.status();
  }
  return outcome;
}

namespace {

// The product a valid draft becomes: its current fields (extraction plus the seller's edits), a
// slug `slug`, the post it came from.
NewInstagramProduct ProductOfDraft(const std::string& store_id, const DraftForApproval& row,
                                   const Json& extracted, const Json& draft,
                                   const Json& seller_edits, const std::string& slug) {
  Json categories = Json::array();
  if (draft.contains("category") && draft["category"].is_string())
    categories.push_back(draft["category"]);
  const Json sizes = draft.value("sizes", Json::array());
  const Json colors = draft.value("colors", Json::array());
  NewInstagramProduct p;
  p.store_id = store_id;
  p.name = draft.value("name", "");
  p.slug = slug;
  p.description = draft.value("description", "");
  p.currency = draft.value("currency", "");
  p.price = NumberParam(draft.value("price", Json()));
  p.old_price = NumberParam(draft.value(FieldInfoOf(Field::kOldPrice).cli, Json()));
  p.categories = categories.dump();
  p.tags = draft.value("tags", Json::array()).dump();
  p.sizes = sizes.dump();
  p.colors = colors.dump();
  p.images = row.image_urls;
  p.videos = row.video_urls;
  p.ig_media_id = row.ig_media_id;
  p.item_index = row.item_index;
  p.permalink = row.permalink;
  p.caption = row.caption;
  p.extraction = extracted.dump();
  p.seller_edited_fields = EditedFields(seller_edits).dump();
  p.has_variants = sizes.size() + colors.size() > 1;
  p.in_stock = !extracted.value("sold_out", false);
  return p;
}

}  // namespace

Approval ApproveDraft(Conn& conn, const std::string& store_id, const std::string& draft_id,
                      const Json& edits) {
  Approval out;
  auto fail = [&](Status s) {
    out.status = std::move(s);
    return out;
  };
  auto row = LockDraftForApproval(conn, store_id, draft_id);
  if (!row.ok()) return fail(row.status());
  if (!*row) return fail(Status::NotFound("draft not found"));
  const DraftForApproval& d = **row;
  auto status = vendly::ParseApprovalStatus(d.approval_status);
  if (status == vendly::ApprovalStatus::kApproved && d.product_id) {
    auto product = LoadProduct(conn, store_id, *d.product_id);
    if (!product.ok()) return fail(product.status());
    out.product = *product;
    out.already_approved = true;
    return out;
  }
  if (!status || !vendly::SellerMayApprove(*status))
    return fail(Status::Conflict("draft_not_pending", "this draft is " + d.approval_status +
                                                          " and can no longer be approved"));

  Json seller_edits = Json::parse(d.seller_edits.value_or("{}"), nullptr, false);
  if (!seller_edits.is_object()) seller_edits = Json::object();
  if (edits.is_object())
    for (auto it = edits.begin(); it != edits.end(); ++it) seller_edits[it.key()] = it.value();
  Json extracted = Json::parse(d.extracted_data, nullptr, false);
  if (extracted.is_discarded()) extracted = Json::object();
  Json current = CurrentDraft(extracted, seller_edits);
  if (!current["errors"].empty()) {
    out.errors = ToApiJson(current["errors"]);
    return fail(Status::ValidationFailed("the draft needs changes before it can be approved"));
  }
  const Json& draft = current["draft"];
  const std::string name = draft.value("name", "");
  // Slugs are unique per store: approvals in one store take their slug one at a time.
  auto taken = LockSlugsLike(conn, store_id, vendly::Slugify(name));
  if (!taken.ok()) return fail(taken.status());
  auto product_id =
      InsertInstagramProduct(conn, ProductOfDraft(store_id, d, extracted, draft, seller_edits,
                                                  vendly::UniqueSlug(name, *taken)));
  if (!product_id.ok()) return fail(product_id.status());
  Status approved = MarkDraftApproved(conn, store_id, draft_id, *product_id,
                                      seller_edits.empty() ? Param() : Param(seller_edits.dump()));
  if (!approved.ok()) return fail(approved);
  auto product = LoadProduct(conn, store_id, *product_id);
  if (!product.ok()) return fail(product.status());
  out.product = *product;
  return out;
}

}  // namespace vendly::server
