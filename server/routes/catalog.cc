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
  Json result = Json::parse(
      ApplyEditsJson(extracted.dump(), edits.is_object() ? edits.dump() : std::string("{}")),
      nullptr, false);
  if (result.is_discarded() || !result.is_object())
    return {{"draft", Json::object()}, {"errors", Json::array()}};
  return result;
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

const char kProductColumns[] =
    "p.id, p.name, p.slug, p.description, p.price::text AS price, p.currency,"
    " p.compare_at_price::text AS compare_at_price, p.categories, p.tags, p.sizes, p.colors,"
    " p.images, p.status, p.in_stock, p.source_type, p.source_external_id, p.source_item_index,"
    " p.source_external_url, (SELECT d.id FROM product_draft d WHERE d.product_id = p.id LIMIT 1)"
    " AS draft_id, iso_utc(p.created_at) AS created_at, iso_utc(p.updated_at) AS updated_at";

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
  auto rows = conn.Exec(std::string("SELECT ") + kProductColumns +
                            " FROM product p WHERE p.id = $1 AND p.store_id = $2",
                        {product_id, store_id});
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
  auto ins = conn.Exec(
      "INSERT INTO notification (store_id, kind, title, body, data) VALUES ($1, $2, $3, $4,"
      " $5::jsonb)",
      {store_id, kind, title, body, data.dump()});
  return ins.ok() ? Status::Ok() : ins.status();
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

Approval ApproveDraft(Conn& conn, const std::string& store_id, const std::string& draft_id,
                      const Json& edits) {
  Approval out;
  auto fail = [&](Status s) {
    out.status = std::move(s);
    return out;
  };
  auto rows = conn.Exec(
      "SELECT id, approval_status, product_id, extracted_data, seller_edits, ig_media_id,"
      " item_index, ig_permalink, ig_caption, image_urls, video_urls FROM product_draft"
      " WHERE id = $1 AND store_id = $2 FOR UPDATE",
      {draft_id, store_id});
  if (!rows.ok()) return fail(rows.status());
  if (rows->empty()) return fail(Status::NotFound("draft not found"));
  const std::string status = rows->Text(0, "approval_status");
  if (status == "approved" && rows->Get(0, "product_id")) {
    auto product = LoadProduct(conn, store_id, rows->Text(0, "product_id"));
    if (!product.ok()) return fail(product.status());
    out.product = *product;
    out.already_approved = true;
    return out;
  }
  if (status != "pending")
    return fail(Status::Conflict("draft_not_pending",
                                 "this draft is " + status + " and can no longer be approved"));

  Json seller_edits = JsonColumn(*rows, 0, "seller_edits", Json::object());
  if (!seller_edits.is_object()) seller_edits = Json::object();
  if (edits.is_object())
    for (auto it = edits.begin(); it != edits.end(); ++it) seller_edits[it.key()] = it.value();
  const Json extracted = JsonColumn(*rows, 0, "extracted_data", Json::object());
  Json current = CurrentDraft(extracted, seller_edits);
  if (!current["errors"].empty()) {
    out.errors = ToApiJson(current["errors"]);
    return fail(Status::ValidationFailed("the draft needs changes before it can be approved"));
  }
  const Json& draft = current["draft"];
  const std::string name = draft.value("name", "");

  // Slugs are unique per store: approvals in one store take their slug one at a time.
  auto lock =
      conn.Exec("SELECT pg_advisory_xact_lock(hashtextextended('slug:' || $1, 0))", {store_id});
  if (!lock.ok()) return fail(lock.status());
  const std::string base = vendly::Slugify(name);
  auto taken_rows = conn.Exec(
      "SELECT slug FROM product WHERE store_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')",
      {store_id, base});
  if (!taken_rows.ok()) return fail(taken_rows.status());
  std::vector<std::string> taken;
  for (int i = 0; i < taken_rows->size(); ++i) taken.push_back(taken_rows->Text(i, "slug"));
  const std::string slug = vendly::UniqueSlug(name, taken);

  Json categories = Json::array();
  if (draft.contains("category") && draft["category"].is_string())
    categories.push_back(draft["category"]);
  const bool sold_out = extracted.value("sold_out", false);
  auto ins = conn.Exec(
      "INSERT INTO product (store_id, name, slug, description, price, currency, compare_at_price,"
      " categories, tags, sizes, colors, images, videos, source_type, source_external_id,"
      " source_item_index, source_external_url, source_caption, source_imported_at,"
      " source_extraction, seller_edited_fields, has_variants, status, is_active, in_stock)"
      " VALUES ($1, $2, $3, $4, $5::numeric, $6, $7::numeric, $8::jsonb, $9::jsonb, $10::jsonb,"
      "  $11::jsonb, $12::jsonb, $13::jsonb, 'instagram', $14, $15::int, $16, $17, now(),"
      "  $18::jsonb, $19::jsonb, $20::boolean, 'active', true, $21::boolean)"
      " ON CONFLICT (store_id, source_external_id, source_item_index) WHERE source_type = "
      "'instagram'"
      " DO NOTHING RETURNING id",
      {store_id,
       name,
       slug,
       draft.value("description", ""),
       NumberParam(draft.value("price", Json())),
       draft.value("currency", ""),
       NumberParam(draft.value(FieldInfoOf(Field::kOldPrice).cli, Json())),
       categories.dump(),
       draft.value("tags", Json::array()).dump(),
       draft.value("sizes", Json::array()).dump(),
       draft.value("colors", Json::array()).dump(),
       rows->Text(0, "image_urls"),
       rows->Text(0, "video_urls"),
       rows->Text(0, "ig_media_id"),
       rows->Text(0, "item_index"),
       rows->Text(0, "ig_permalink"),
       rows->Text(0, "ig_caption"),
       extracted.dump(),
       EditedFields(seller_edits).dump(),
       (draft.value("sizes", Json::array()).size() + draft.value("colors", Json::array()).size()) >
               1
           ? "true"
           : "false",
       sold_out ? "false" : "true"});
  if (!ins.ok()) return fail(ins.status());
  std::string product_id;
  if (!ins->empty()) {
    product_id = ins->Text(0, "id");
  } else {  // the post's item already has a product (its draft was removed and made again)
    auto existing = conn.Exec(
        "SELECT id FROM product WHERE store_id = $1 AND source_type = 'instagram'"
        " AND source_external_id = $2 AND source_item_index = $3::int",
        {store_id, rows->Text(0, "ig_media_id"), rows->Text(0, "item_index")});
    if (!existing.ok()) return fail(existing.status());
    if (existing->empty()) return fail(Status::Internal("product conflict without a product"));
    product_id = existing->Text(0, "id");
  }
  auto upd = conn.Exec(
      "UPDATE product_draft SET approval_status = 'approved', approved_at = now(), product_id = $3,"
      " seller_edits = $4::jsonb, updated_at = now() WHERE id = $1 AND store_id = $2",
      {draft_id, store_id, product_id,
       seller_edits.empty() ? Param() : Param(seller_edits.dump())});
  if (!upd.ok()) return fail(upd.status());
  auto product = LoadProduct(conn, store_id, product_id);
  if (!product.ok()) return fail(product.status());
  out.product = *product;
  return out;
}

}  // namespace vendly::server
