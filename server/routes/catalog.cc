#include "routes/catalog.h"

#include <time.h>
#include <vendly/api.h>
#include <vendly/approval.h>
#include <vendly/draft.h>
#include <vendly/draft_plan.h>
#include <vendly/extract.h>
#include <vendly/registry.h>

#include <cctype>
#include <cstdio>

#include "app/log.h"
#include "crypto/crypto.h"
#include "jobs/queue.h"
#include "media/media.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

Json OptionalJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }

}  // namespace

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

Json DraftJson(const DraftRow& d) {
  const vendly::DraftResult current = vendly::CurrentDraft(d.extracted, d.seller_edits);
  return {{"id", d.id},
          {"igMediaId", d.ig_media_id},
          {"itemIndex", d.item_index},
          {"igMediaUrl", d.permalink},
          {"permalink", d.permalink},
          {"mediaType", d.media_type},
          {"caption", d.caption},
          {"postedAt", d.posted_at},
          {"extractedData", ToApiJson(d.extraction)},
          {"sellerEdits", d.seller_edits},
          {"secondOpinion", d.second_opinion},
          {"current", ToApiJson(Json(vendly::DraftToJson(current.draft)))},
          {"errors", ErrorsJson(current.errors)},
          {"confidence", d.confidence},
          {"imageUrls", d.image_urls},
          {"imagesStatus", d.images_status},
          {"videoUrls", d.video_urls},
          {"approvalStatus", d.approval_status},
          {"rejectionReason", OptionalJson(d.rejection_reason)},
          {"productId", OptionalJson(d.product_id)},
          {"expiresAt", d.expires_at},
          {"createdAt", d.created_at},
          {"updatedAt", d.updated_at}};
}

Json ProductJson(const ProductRow& p) {
  return {{"id", p.id},
          {std::string(FieldInfoOf(Field::kName).api), p.name},
          {"slug", p.slug},
          {std::string(FieldInfoOf(Field::kDescription).api), p.description},
          {std::string(FieldInfoOf(Field::kPrice).api), AmountValue(p.price)},
          {std::string(FieldInfoOf(Field::kCurrency).api), p.currency},
          {std::string(FieldInfoOf(Field::kOldPrice).api), AmountValue(p.old_price)},
          {std::string(FieldInfoOf(Field::kCategory).api),
           p.categories.empty() ? Json() : Json(p.categories[0])},
          {"categories", p.categories},
          {std::string(FieldInfoOf(Field::kTags).api), p.tags},
          {std::string(FieldInfoOf(Field::kSizes).api), p.sizes},
          {std::string(FieldInfoOf(Field::kColors).api), p.colors},
          {"images", p.images},
          {"status", p.status},
          {"inStock", p.in_stock},
          {"sourceType", p.source_type},
          {"igMediaId", OptionalJson(p.ig_media_id)},
          {"itemIndex", p.item_index ? Json(*p.item_index) : Json()},
          {"permalink", OptionalJson(p.permalink)},
          {"draftId", OptionalJson(p.draft_id)},
          {"createdAt", p.created_at},
          {"updatedAt", p.updated_at}};
}

Json ErrorsJson(const std::vector<vendly::FieldError>& errors) {
  return ToApiJson(Json(vendly::ErrorsToJson(errors)));
}

Result<Json> LoadProduct(Conn& conn, const std::string& store_id, const std::string& product_id) {
  auto product = FindProduct(conn, store_id, product_id);
  if (!product.ok()) return product.status();
  if (!*product) return Status::NotFound("product not found");
  return ProductJson(**product);
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

namespace {

// A post's products as its drafts store them: the engine's, or the engine's merged with a model's
// opinion (then each product's second opinion, and whether its disputed price holds it).
struct PostProducts {
  vendly::Extraction extraction;
  Json products = Json::array();
  std::vector<double> confidences;
  std::vector<bool> held;
  std::vector<std::optional<std::string>> opinions;
};

PostProducts ReadPost(const vendly::Post& input, const PostOpinion* opinion) {
  PostProducts out;
  out.extraction = vendly::Extract(input);
  std::vector<vendly::SecondOpinion> merged;
  if (opinion != nullptr)
    merged = vendly::MergeSecondOpinions(out.extraction, opinion->answer, input.caption);
  for (std::size_t i = 0; i < merged.size(); ++i) out.extraction.products[i] = merged[i].product;
  out.products = vendly::ToJson(out.extraction)["products"];
  for (std::size_t i = 0; i < out.extraction.products.size(); ++i) {
    out.confidences.push_back(out.products[i].value("confidence", 0.0));
    const bool has = i < merged.size();
    out.held.push_back(has && merged[i].price_disputed);
    out.opinions.push_back(
        has ? std::optional<std::string>(
                  SecondOpinionApiJson(merged[i], opinion->provider, opinion->model).dump())
            : std::nullopt);
  }
  return out;
}

}  // namespace

Result<PostOutcome> UpsertPostDrafts(Conn& conn, const StoreSettings& store,
                                     const std::string& connection_id, const MediaItem& post,
                                     const std::optional<std::string>& sync_history_id,
                                     const PostOpinion* opinion) {
  PostOutcome outcome;
  const vendly::Post input = PostOf(post, store.currency);
  const PostProducts read = ReadPost(input, opinion);
  const vendly::Extraction& extraction = read.extraction;
  outcome.is_product = extraction.is_product && !extraction.products.empty();
  std::vector<double> confidences;
  if (outcome.is_product)
    confidences = read.confidences;
  else
    outcome.reason = input.caption.empty()       ? "no_caption"
                     : extraction.reason.empty() ? "not_a_product"
                                                 : extraction.reason;

  auto existing = LockPostDrafts(conn, store.id, post.id);
  if (!existing.ok()) return existing.status();
  const vendly::DraftPlan plan = vendly::PlanPostDrafts(
      confidences, *existing, {store.auto_approve, store.auto_approve_threshold}, read.held);
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
                   sync_history_id,
                   std::nullopt};
  for (const vendly::PlannedDraft& item : plan.items) {
    if (item.action == vendly::DraftAction::kKeep) continue;  // the seller's decision stands
    write.item_index = item.item_index;
    write.extracted_json = read.products[item.item_index].dump();
    write.second_opinion_json = read.opinions[item.item_index];
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

vendly::DraftToApprove ToApprove(const DraftRow& d) {
  vendly::DraftToApprove draft;
  draft.status = vendly::ParseApprovalStatus(d.approval_status);
  draft.has_product = d.product_id.has_value();
  draft.extracted = d.extracted;
  const auto sold_out = d.extraction.find("sold_out");
  draft.sold_out =
      sold_out != d.extraction.end() && sold_out->is_boolean() && sold_out->get<bool>();
  draft.seller_edits = d.seller_edits;
  return draft;
}

// Writes an approval: the product (its slug taken under the store's slug lock, so approvals in
// one store take their slugs one at a time) and the draft linked to it. The product's id.
Result<std::string> ApplyApproval(Conn& conn, const std::string& store_id, const DraftRow& d,
                                  const vendly::ApprovalDecision& decision) {
  const vendly::ApprovedProduct& fields = decision.product;
  auto taken = LockSlugsLike(conn, store_id, fields.slug_base);
  if (!taken.ok()) return taken.status();
  auto product_id = InsertInstagramProduct(
      conn, {store_id, fields, vendly::UniqueSlug(fields.name, *taken), d.ig_media_id, d.item_index,
             d.permalink, d.caption, d.image_urls, d.video_urls, d.extraction});
  if (!product_id.ok()) return product_id.status();
  Status approved = MarkDraftApproved(
      conn, store_id, d.id, *product_id,
      decision.seller_edits.empty() ? Param() : Param(decision.seller_edits.dump()));
  if (!approved.ok()) return approved;
  return *product_id;
}

}  // namespace

Approval ApproveDraft(Conn& conn, const std::string& store_id, const std::string& draft_id,
                      const Json& edits) {
  Approval out;
  auto fail = [&](Status s) {
    out.status = std::move(s);
    return out;
  };
  auto row = LockDraft(conn, store_id, draft_id);
  if (!row.ok()) return fail(row.status());
  if (!*row) return fail(Status::NotFound("draft not found"));
  const DraftRow& d = **row;
  const vendly::ApprovalDecision decision = vendly::DecideApproval(ToApprove(d), edits);
  std::string product_id;
  switch (decision.outcome) {
    case vendly::ApprovalOutcome::kAlreadyApproved:
      out.already_approved = true;
      product_id = *d.product_id;
      break;
    case vendly::ApprovalOutcome::kNotApprovable:
      return fail(Status::Conflict("draft_not_pending", "this draft is " + d.approval_status +
                                                            " and can no longer be approved"));
    case vendly::ApprovalOutcome::kInvalid:
      out.errors = decision.errors;
      return fail(Status::ValidationFailed("the draft needs changes before it can be approved"));
    case vendly::ApprovalOutcome::kApprove: {
      auto made = ApplyApproval(conn, store_id, d, decision);
      if (!made.ok()) return fail(made.status());
      product_id = *made;
      break;
    }
  }
  auto product = FindProduct(conn, store_id, product_id);
  if (!product.ok()) return fail(product.status());
  if (!*product) return fail(Status::NotFound("product not found"));
  out.product = std::move(**product);
  return out;
}

}  // namespace vendly::server
