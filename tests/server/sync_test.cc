// Incremental sync (issue #5) end to end against the real vendly-server, the Meta sandbox and a
// private PostgreSQL, with polls every second: new posts become drafts and notifications, a webhook
// makes a poll happen at once, edited captions update products or become conflicts the seller
// resolves, "SOLD OUT" and deletions reach the catalog, an expired token stops polling, a reconnect
// resumes it without duplicates, and polling stays inside the account's rate budget.
#include <gtest/gtest.h>
#include <vendly/extract.h>
#include <vendly/notices.h>
#include <vendly/poll_plan.h>

#include <functional>
#include <map>
#include <thread>
#include <vector>

#include "test_support.h"

namespace vendly::test {
namespace {

#ifdef META_SANDBOX_BIN

using sandbox_accounts::kBrian;  // Phone Hub Kampala, 64 posts, UGX
using sandbox_accounts::kBrianIg;
constexpr char kListing[] = "GET /{ig-user-id}/media";

class SyncTest : public IntegrationTest<SyncTest> {
 protected:
  static constexpr bool kSandbox = true;

  std::map<std::string, std::string> ServerEnv() {
    std::map<std::string, std::string> env = SandboxServerEnv(
        sandbox_port_, {{"VENDLY_WORKER_THREADS", "2"},
                        {"VENDLY_TOKEN_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="},
                        {"VENDLY_JOB_LEASE_SECONDS", "5"},
                        {"VENDLY_THROTTLE_MAX_DEFER_SECONDS", "1"},
                        {"VENDLY_POLL_MIN_SECONDS", "1"},
                        {"VENDLY_POLL_MAX_SECONDS", "2"},
                        {"VENDLY_SYNC_WALK_SECONDS", "1"},
                        {"VENDLY_LOG_LEVEL", "info"}});
    for (const auto& [k, v] : env_overrides_) env[k] = v;
    return env;
  }

  void Start() {
    server_ = StartServer(db_->url(), ServerEnv());
    vendly_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    vendly_->set_read_timeout(30, 0);
    Sql(db_->url(),
        "DELETE FROM job WHERE kind NOT IN ('draft_expiry', 'poll_scheduler', 'token_refresh');"
        " DELETE FROM instagram_connection; DELETE FROM store; DELETE FROM seller");
  }

  std::string Connect(const std::string& session, const std::string& user = kBrian) {
    auto back = SandboxConsent(*vendly_, *meta_, server_->url(), sandbox_port_, session, user);
    EXPECT_TRUE(back && back->status == 302);
    if (back) {
      EXPECT_NE(back->get_header_value("Location").find("connected=1"), std::string::npos);
    }
    return session;
  }

  std::string ConnectedSeller(const std::string& email) {
    const std::string session = SignupSeller(*vendly_, email, "Phone Hub", "UGX");
    return Connect(session);
  }

  // Publishes a post on the sandbox account; returns its id.
  std::string Publish(const std::string& caption) {
    auto r =
        meta_->Post(("/_sandbox/accounts/" + std::string(kBrianIg) + "/media").c_str(),
                    json{{"caption", caption}, {"media_type", "IMAGE"}}.dump(), "application/json");
    EXPECT_TRUE(r && r->status / 100 == 2) << (r ? r->body : "");
    json body = Body(r);
    if (body.contains("id")) return body["id"];
    return body.value("media", json::object()).value("id", "");
  }

  void EditCaption(const std::string& media_id, const std::string& caption) {
    auto r = meta_->Post(("/_sandbox/media/" + media_id).c_str(), json{{"caption", caption}}.dump(),
                         "application/json");
    ASSERT_TRUE(r && r->status / 100 == 2) << (r ? r->body : "");
  }

  static Extraction Core(const std::string& id, const std::string& caption) {
    Post post;
    post.id = id;
    post.caption = caption;
    post.store_currency = "UGX";
    post.media_type = "IMAGE";
    post.children = 1;
    return Extract(post);
  }

  // Waits until `done` holds, up to `timeout_ms`; false on timeout.
  static bool WaitFor(const std::function<bool()>& done, int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return done();
  }

  std::string One(const std::string& sql) {
    auto rows = Sql(db_->url(), sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }

  // The draft of a post, once a poll made it; "" after `timeout_ms`.
  std::string WaitForDraft(const std::string& media_id, int timeout_ms = 15000) {
    std::string id;
    WaitFor(
        [&] {
          id = One("SELECT id FROM product_draft WHERE ig_media_id = '" + media_id +
                   "' AND item_index = 0");
          return !id.empty();
        },
        timeout_ms);
    return id;
  }

  // Runs the token job now (its recurring chain is hourly); true once that run finished.
  bool RunTokenJob() {
    const char kRuns[] =
        "SELECT count(*) FROM job WHERE kind = 'token_refresh' AND status = 'succeeded'";
    if (!WaitFor(
            [&] {
              return One("SELECT count(*) FROM job WHERE kind = 'token_refresh' AND "
                         "status = 'running'") == "0";
            },
            10000))
      return false;
    const std::string runs = One(kRuns);
    Sql(db_->url(),
        "UPDATE job SET run_at = now() WHERE kind = 'token_refresh' AND status = 'queued'");
    return WaitFor([&] { return One(kRuns) != runs; }, 10000);
  }

  json Product(const std::string& session, const std::string& product_id) {
    return Body(Call(*vendly_, "GET", "/api/products/" + product_id, {}, session));
  }

  // A published post approved into a product, with `edits` applied at approval.
  std::string ApprovedProduct(const std::string& session, const std::string& media_id,
                              const json& edits = json::object()) {
    const std::string draft = WaitForDraft(media_id);
    EXPECT_FALSE(draft.empty()) << server_->log().substr(0, 3000);
    auto r = Call(*vendly_, "POST", "/api/products/drafts/" + draft + "/approve", edits, session);
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "");
    return Body(r)["product"].value("id", "");
  }

  int ListingCalls() {
    auto calls = Body(meta_->Get("/_sandbox/calls"));
    return calls["by_account"][kBrianIg]["by_endpoint"].value(kListing, 0);
  }

  std::map<std::string, std::string> env_overrides_;
  std::unique_ptr<httplib::Client> vendly_;
};

const char kDressCaption[] =
    "New arrival! Samsung Galaxy A15 128GB, brand new sealed. Price UGX 650,000. Call or WhatsApp "
    "to order";

TEST_F(SyncTest, ANewPostBecomesADraftAndANotificationWithinAFewPolls) {
  Start();
  const std::string session = ConnectedSeller("brian@duka.co");
  ASSERT_TRUE(Core("x", kDressCaption).is_product);
  // The first poll lists the newest posts, all older than the connection: no drafts for them.
  ASSERT_TRUE(WaitFor([&] { return ListingCalls() >= 1; }, 10000));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(One("SELECT count(*) FROM product_draft"), "0");
  EXPECT_EQ(One("SELECT count(*) FROM instagram_sync_history"), "0")
      << "empty scheduled polls leave no history";

  const std::string media_id = Publish(kDressCaption);
  ASSERT_FALSE(media_id.empty());
  const auto published = std::chrono::steady_clock::now();
  const std::string draft = WaitForDraft(media_id, 10000);
  ASSERT_FALSE(draft.empty()) << server_->log().substr(0, 4000);
  EXPECT_LT(std::chrono::steady_clock::now() - published, std::chrono::seconds(6));
  EXPECT_EQ(One("SELECT count(*) FROM product_draft"), "1");

  ASSERT_TRUE(WaitFor(
      [&] {
        json n = Body(Call(*vendly_, "GET", "/api/notifications?limit=20", {}, session));
        for (const auto& item : n.value("notifications", json::array()))
          if (item["kind"] == "draft_created" && item["data"].value("draftId", "") == draft)
            return true;
        return false;
      },
      5000));
  auto history = Sql(db_->url(),
                     "SELECT sync_type, trigger_source, status, drafts_created, api_calls_used"
                     " FROM instagram_sync_history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0][0], "incremental_sync");
  EXPECT_EQ(history[0][1], "scheduled_job");
  EXPECT_EQ(history[0][2], "success");
  EXPECT_EQ(history[0][3], "1");
  EXPECT_GE(std::stoi(history[0][4]), 1);

  // Later polls know the post: still one draft, and one notification for it.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(One("SELECT count(*) FROM product_draft"), "1");
  EXPECT_EQ(One("SELECT count(*) FROM notification WHERE kind = 'draft_created'"), "1");
}

TEST_F(SyncTest, AWebhookCommentMakesAPollHappenNow) {
  env_overrides_ = {{"VENDLY_POLL_MIN_SECONDS", "60"},
                    {"VENDLY_POLL_MAX_SECONDS", "120"},
                    {"VENDLY_SYNC_WALK_SECONDS", "600"}};
  Start();
  ASSERT_TRUE(meta_->Post("/_sandbox/app",
                          json{{"webhook_url", server_->url() + "/api/webhooks/instagram"}}.dump(),
                          "application/json"));
  const std::string session = ConnectedSeller("webhook@duka.co");
  const std::string media_id = Publish(kDressCaption);
  // The next scheduled poll is a minute away; a customer's comment brings the poll forward.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(One("SELECT count(*) FROM product_draft"), "0");
  auto comment = meta_->Post(("/_sandbox/media/" + media_id + "/comments").c_str(),
                             json{{"text", "How much?"}}.dump(), "application/json");
  ASSERT_TRUE(comment && comment->status / 100 == 2) << (comment ? comment->body : "");
  EXPECT_EQ(Body(comment).value("webhook_sent", false), true) << comment->body;
  std::string event_id;
  ASSERT_TRUE(WaitFor(
      [&] {
        event_id = One("SELECT id FROM instagram_webhook_event WHERE field = 'comments'");
        return !event_id.empty();
      },
      5000));
  // The webhook job asks for a poll of the account now (webhooks.h: "poll:<connection id>").
  const std::string draft = WaitForDraft(media_id, 10000);
  ASSERT_FALSE(draft.empty()) << server_->log().substr(0, 4000);
  // The draft is written before the poll ends: wait for its history row to be finished.
  ASSERT_TRUE(WaitFor(
      [&] {
        return One("SELECT count(*) FROM instagram_sync_history WHERE completed_at IS NOT NULL") ==
               "1";
      },
      5000));
  EXPECT_EQ(
      One("SELECT processing_status FROM instagram_webhook_event WHERE id = '" + event_id + "'"),
      "completed");
  auto history = Sql(db_->url(),
                     "SELECT sync_type, trigger_source, drafts_created, metadata->>'webhookEventId'"
                     " FROM instagram_sync_history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0][0], "webhook_trigger");
  EXPECT_EQ(history[0][1], "webhook");
  EXPECT_EQ(history[0][2], "1");
  EXPECT_NE(history[0][3], "<null>");

  // A manual refresh is a poll now too, with its own history row.
  auto refresh = Call(*vendly_, "POST", "/api/instagram/sync", json::object(), session);
  ASSERT_TRUE(refresh && refresh->status == 202) << (refresh ? refresh->body : "");
  const std::string sync_id = Body(refresh).value("syncId", "");
  ASSERT_FALSE(sync_id.empty());
  ASSERT_TRUE(WaitFor(
      [&] {
        return One("SELECT status FROM instagram_sync_history WHERE id = '" + sync_id + "'") ==
               "success";
      },
      10000))
      << server_->log().substr(0, 4000);
  EXPECT_EQ(One("SELECT sync_type FROM instagram_sync_history WHERE id = '" + sync_id + "'"),
            "manual_refresh");
}

TEST_F(SyncTest, APollWaitsWhileAnotherPollOfTheConnectionHoldsIt) {
  Start();
  const std::string session = ConnectedSeller("lock@duka.co");
  ASSERT_TRUE(WaitFor([&] { return ListingCalls() >= 1; }, 10000));
  const std::string connection = One("SELECT id FROM instagram_connection");
  // This session plays a poll in progress: it holds the connection's poll lock.
  PGconn* holder = PQconnectdb(db_->url().c_str());
  ASSERT_EQ(PQstatus(holder), CONNECTION_OK);
  PGresult* locked = PQexec(
      holder, ("SELECT pg_advisory_lock(hashtextextended('poll:" + connection + "', 0))").c_str());
  ASSERT_EQ(PQresultStatus(locked), PGRES_TUPLES_OK);
  PQclear(locked);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const int calls = ListingCalls();
  const std::string media_id = Publish(kDressCaption);
  // A manual refresh waits too.
  auto refresh = Call(*vendly_, "POST", "/api/instagram/sync", json::object(), session);
  ASSERT_TRUE(refresh && refresh->status == 202);
  const std::string sync_id = Body(refresh).value("syncId", "");
  std::this_thread::sleep_for(std::chrono::seconds(4));
  EXPECT_EQ(ListingCalls(), calls) << "no poll ran while the lock was held";
  EXPECT_EQ(One("SELECT count(*) FROM product_draft"), "0");
  EXPECT_EQ(One("SELECT status FROM instagram_sync_history WHERE id = '" + sync_id + "'"),
            "queued");
  PQfinish(holder);
  EXPECT_FALSE(WaitForDraft(media_id, 8000).empty()) << server_->log().substr(0, 3000);
  EXPECT_TRUE(WaitFor(
      [&] {
        return One("SELECT status FROM instagram_sync_history WHERE id = '" + sync_id + "'") ==
               "success";
      },
      8000));
}

TEST_F(SyncTest, EditedCaptionsUpdateProductsOrBecomeConflictsTheSellerResolves) {
  Start();
  const std::string session = ConnectedSeller("edits@duka.co");
  const std::string untouched_post = Publish(kDressCaption);
  const std::string instagram_post =
      Publish("Tecno Spark 20 Pro 256GB new in box. Price UGX 700,000. WhatsApp to order");
  const std::string vendly_post =
      Publish("Infinix Hot 40i 128GB brand new. Price UGX 450,000. DM to order");
  const std::string value_post =
      Publish("iPhone 12 64GB used, clean. Price UGX 1,200,000. Call to order");
  const std::string untouched = ApprovedProduct(session, untouched_post);
  const std::string by_instagram = ApprovedProduct(session, instagram_post, {{"price", 710000}});
  const std::string by_vendly = ApprovedProduct(session, vendly_post, {{"price", 460000}});
  const std::string by_value = ApprovedProduct(session, value_post, {{"price", 1250000}});
  ASSERT_FALSE(untouched.empty());
  ASSERT_FALSE(by_value.empty());

  const std::string untouched_caption =
      "New arrival! Samsung Galaxy A15 128GB, brand new sealed. Price UGX 600,000. Call or "
      "WhatsApp to order";
  ASSERT_EQ(Core("x", untouched_caption).products.at(0).price, 600000);
  EditCaption(untouched_post, untouched_caption);
  EditCaption(instagram_post,
              "Tecno Spark 20 Pro 256GB new in box. Price UGX 680,000. WhatsApp to order");
  EditCaption(vendly_post, "Infinix Hot 40i 128GB brand new. Price UGX 430,000. DM to order");
  EditCaption(value_post, "iPhone 12 64GB used, clean. Price UGX 1,100,000. Call to order");

  // The untouched product follows Instagram.
  ASSERT_TRUE(
      WaitFor([&] { return Product(session, untouched)["product"]["price"] == 600000; }, 15000))
      << Product(session, untouched).dump() << server_->log().substr(0, 3000);
  // The others become conflicts on price, the seller's price kept meanwhile.
  json conflicts;
  ASSERT_TRUE(WaitFor(
      [&] {
        conflicts = Body(Call(*vendly_, "GET", "/api/sync/conflicts", {}, session));
        return conflicts.value("conflicts", json::array()).size() == 3;
      },
      15000))
      << conflicts.dump();
  std::map<std::string, json> by_product;
  for (const auto& c : conflicts["conflicts"]) by_product[c["productId"]] = c;
  ASSERT_EQ(by_product.count(by_instagram), 1u);
  const json& c1 = by_product[by_instagram];
  EXPECT_EQ(c1["field"], "price");
  EXPECT_EQ(c1["baseValue"], 700000);
  EXPECT_EQ(c1["instagramValue"], 680000);
  EXPECT_EQ(c1["sellerValue"], 710000);
  EXPECT_FALSE(c1["productName"].get<std::string>().empty());
  EXPECT_EQ(Product(session, by_instagram)["product"]["price"], 710000);
  EXPECT_EQ(One("SELECT count(*) FROM notification WHERE kind = 'sync_conflict'"), "3");
  EXPECT_GE(std::stoi(One("SELECT COALESCE(sum(products_updated), 0) FROM instagram_sync_history")),
            1);

  auto resolve = [&](const std::string& product, const json& body) {
    return Call(*vendly_, "POST",
                "/api/sync/conflicts/" + by_product[product]["id"].get<std::string>() + "/resolve",
                body, session);
  };
  auto r1 = resolve(by_instagram, {{"choice", "instagram"}});
  ASSERT_TRUE(r1 && r1->status == 200) << (r1 ? r1->body : "");
  EXPECT_EQ(Body(r1)["product"]["price"], 680000);
  EXPECT_EQ(Body(r1)["conflict"]["resolution"], "instagram");
  auto r2 = resolve(by_vendly, {{"choice", "vendly"}});
  ASSERT_TRUE(r2 && r2->status == 200) << (r2 ? r2->body : "");
  EXPECT_EQ(Body(r2)["product"]["price"], 460000);
  auto bad = resolve(by_value, {{"choice", "value"}, {"value", -5}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(Body(bad)["errors"][0]["field"], "price");
  auto r3 = resolve(by_value, {{"choice", "value"}, {"value", 1150000}});
  ASSERT_TRUE(r3 && r3->status == 200) << (r3 ? r3->body : "");
  EXPECT_EQ(Body(r3)["product"]["price"], 1150000);
  auto again = resolve(by_value, {{"choice", "instagram"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  EXPECT_TRUE(Body(Call(*vendly_, "GET", "/api/sync/conflicts", {}, session))["conflicts"].empty());
  // Handled edits are not handled again.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(One("SELECT count(*) FROM sync_conflict"), "3");
  EXPECT_EQ(Product(session, by_value)["product"]["price"], 1150000);
}

TEST_F(SyncTest, SoldOutMarksOutOfStockAndADeletedPostArchivesItsProduct) {
  Start();
  const std::string session = ConnectedSeller("soldout@duka.co");
  const std::string sold_post = Publish(kDressCaption);
  const std::string deleted_post =
      Publish("Tecno Spark 20 Pro 256GB new in box. Price UGX 700,000. WhatsApp to order");
  const std::string pending_post =
      Publish("Infinix Hot 40i 128GB brand new. Price UGX 450,000. DM to order");
  const std::string sold = ApprovedProduct(session, sold_post);
  const std::string archived = ApprovedProduct(session, deleted_post);
  const std::string pending_draft = WaitForDraft(pending_post);
  ASSERT_FALSE(pending_draft.empty());
  EXPECT_EQ(Product(session, sold)["product"]["inStock"], true);

  const std::string sold_caption = std::string(kDressCaption) + "\n\nUPDATE: SOLD OUT";
  ASSERT_TRUE(Core("x", sold_caption).products.at(0).sold_out);
  EditCaption(sold_post, sold_caption);
  ASSERT_TRUE(WaitFor([&] { return Product(session, sold)["product"]["inStock"] == false; }, 15000))
      << server_->log().substr(0, 3000);

  ASSERT_TRUE(meta_->Delete(("/_sandbox/media/" + deleted_post).c_str()));
  ASSERT_TRUE(meta_->Delete(("/_sandbox/media/" + pending_post).c_str()));
  ASSERT_TRUE(
      WaitFor([&] { return Product(session, archived)["product"]["status"] == "archived"; }, 15000))
      << server_->log().substr(0, 3000);
  EXPECT_EQ(One("SELECT approval_status FROM product_draft WHERE id = '" + pending_draft + "'"),
            "rejected");
  EXPECT_EQ(One("SELECT count(*) FROM notification WHERE kind = 'product_archived'"
                " AND data->>'productId' = '" +
                archived + "'"),
            "1");
  EXPECT_EQ(Product(session, sold)["product"]["status"], "active");
  EXPECT_EQ(One("SELECT count(*) FROM product"), "2") << "archived, never deleted";
}

// Meta answers a deleted post and a post it hides from this token alike (100/33): a walk archives
// on it only while the same token still reads the account, never on a permission error, and never
// when many posts are gone at once (vendly::JudgeProbe, PlanWalkEnd).
TEST_F(SyncTest, ManyDeletedPostsInOneWalkArchiveNothingAndTellTheSeller) {
  Start();
  const std::string session = ConnectedSeller("many@duka.co");
  const char* phones[] = {"Tecno Spark 20", "Infinix Hot 40", "Samsung A15",
                          "Itel A70",       "Nokia C32",      "Oppo A18"};
  std::vector<std::string> products;
  std::vector<std::string> posts;
  for (int i = 0; i < vendly::kWalkDeletionPause + 1; ++i) {
    posts.push_back(Publish(std::string(phones[i]) + " 128GB brand new. Price UGX " +
                            std::to_string(400 + 10 * i) + ",000. WhatsApp to order"));
    products.push_back(ApprovedProduct(session, posts.back()));
    ASSERT_FALSE(products.back().empty());
  }
  for (const std::string& post : posts)
    ASSERT_TRUE(meta_->Delete(("/_sandbox/media/" + post).c_str()));
  ASSERT_TRUE(WaitFor(
      [&] { return One("SELECT count(*) FROM notification WHERE kind = 'deletions_held'") == "1"; },
      15000))
      << server_->log().substr(0, 3000);
  std::this_thread::sleep_for(std::chrono::seconds(3));  // more walks: still held, told once
  for (const std::string& product : products)
    EXPECT_EQ(Product(session, product)["product"]["status"], "active");
  EXPECT_EQ(One("SELECT count(*) FROM notification WHERE kind = 'product_archived'"), "0");
  EXPECT_EQ(One("SELECT count(*) FROM notification WHERE kind = 'deletions_held'"), "1");
  EXPECT_EQ(One("SELECT data->>'deleted' FROM notification WHERE kind = 'deletions_held'"),
            std::to_string(products.size()));
}

TEST_F(SyncTest, AnAmbiguousOrForbiddenProbeNeverArchives) {
  Start();
  const std::string session = ConnectedSeller("ambiguous@duka.co");
  const std::string hidden =
      Publish("Tecno Spark 20 Pro 256GB new in box. Price UGX 700,000. WhatsApp to order");
  const std::string forbidden =
      Publish("Infinix Hot 40i 128GB brand new. Price UGX 450,000. DM to order");
  const std::string hidden_product = ApprovedProduct(session, hidden);
  const std::string forbidden_product = ApprovedProduct(session, forbidden);
  // The token no longer reads the account (as after the Page was unlinked), and one probe answers
  // with a permission error.
  json faults = {{"faults",
                  {{{"type", "graph_error"}, {"endpoint", "GET /{ig-user-id}"}},
                   {{"type", "graph_error"}, {"code", 10}, {"path_contains", forbidden}}}}};
  ASSERT_TRUE(meta_->Post("/_sandbox/faults", faults.dump(), "application/json"));
  ASSERT_TRUE(meta_->Delete(("/_sandbox/media/" + hidden).c_str()));
  ASSERT_TRUE(meta_->Delete(("/_sandbox/media/" + forbidden).c_str()));
  ASSERT_TRUE(WaitFor(
      [&] { return One("SELECT count(*) FROM notification WHERE kind = 'deletions_held'") == "1"; },
      15000))
      << server_->log().substr(0, 3000);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(Product(session, hidden_product)["product"]["status"], "active");
  EXPECT_EQ(Product(session, forbidden_product)["product"]["status"], "active");
  EXPECT_EQ(One("SELECT count(*) FROM notification WHERE kind = 'product_archived'"), "0");
  EXPECT_EQ(One("SELECT data->>'unsure' FROM notification WHERE kind = 'deletions_held'"), "2");
  // Once the token reads the account again, a deleted post is archived.
  ASSERT_TRUE(meta_->Delete("/_sandbox/faults"));
  ASSERT_TRUE(WaitFor(
      [&] { return Product(session, hidden_product)["product"]["status"] == "archived"; }, 15000))
      << server_->log().substr(0, 3000);
}

TEST_F(SyncTest, AnExpiredTokenStopsPollingAndAReconnectResumesWithoutDuplicates) {
  Start();
  const std::string session = ConnectedSeller("expiry@duka.co");
  const std::string first = Publish(kDressCaption);
  ASSERT_FALSE(WaitForDraft(first).empty());

  ASSERT_TRUE(
      meta_->Post("/_sandbox/tokens/expire", json{{"all", true}}.dump(), "application/json"));
  ASSERT_TRUE(
      WaitFor([&] { return One("SELECT status FROM instagram_connection") == "expired"; }, 10000))
      << server_->log().substr(0, 3000);
  EXPECT_EQ(One("SELECT count(*) FROM notification WHERE kind = 'connection_expired'"), "1");
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const int calls = ListingCalls();
  const std::string second =
      Publish("Tecno Spark 20 Pro 256GB new in box. Price UGX 700,000. WhatsApp");
  std::this_thread::sleep_for(std::chrono::seconds(4));
  EXPECT_EQ(ListingCalls(), calls) << "no polls of an expired connection";
  EXPECT_EQ(One("SELECT count(*) FROM job WHERE kind = 'poll' AND status IN ('queued', 'running')"),
            "0");
  auto refused = Call(*vendly_, "POST", "/api/instagram/sync", json::object(), session);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 409);

  // Reconnecting resumes: the post made meanwhile arrives, nothing twice.
  Connect(session);
  ASSERT_FALSE(WaitForDraft(second).empty()) << server_->log().substr(0, 3000);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(One("SELECT count(*) FROM product_draft"), "2");
  EXPECT_EQ(One("SELECT count(*) FROM notification WHERE kind = 'draft_created'"), "2");
}

TEST_F(SyncTest, PollingStaysInsideTheAccountsRateBudget) {
  ASSERT_TRUE(
      meta_->Post("/_sandbox/usage", json{{"account_budget", 20}}.dump(), "application/json"));
  env_overrides_ = {{"VENDLY_POLL_MAX_SECONDS", "1"}};
  Start();
  ConnectedSeller("budget@duka.co");
  // Polls every second would pass 20 calls in 20 seconds; the poller watches the usage headers and
  // pauses before the limit.
  ASSERT_TRUE(WaitFor(
      [&] {
        return One("SELECT COALESCE((usage->>'maxPercent')::int, 0) >= 90 FROM "
                   "instagram_connection") == "t";
      },
      40000))
      << One("SELECT usage FROM instagram_connection");
  std::this_thread::sleep_for(std::chrono::seconds(1));
  auto calls = Body(meta_->Get("/_sandbox/calls"));
  const int used = calls["by_account"][kBrianIg].value("total", 0);
  EXPECT_GT(ListingCalls(), 10) << "polls ran";
  EXPECT_LT(used, 20) << calls.dump();
  std::this_thread::sleep_for(std::chrono::seconds(4));
  EXPECT_EQ(Body(meta_->Get("/_sandbox/calls"))["by_account"][kBrianIg].value("total", 0), used)
      << "polling paused near the budget";
  EXPECT_EQ(One("SELECT throttled_until IS NULL FROM instagram_connection"), "t")
      << "never throttled by Meta";
}

// Meta's token lifecycle on Facebook Login: the long-lived user token dies around day 60 and is not
// renewed by re-exchanging it, but the Page token the catalog reads with does not expire. On
// sandbox day 61 the connection stays active (the daily check of the Page token passes, the user
// token is not touched, its age is a reminder); a 190/460 on the check expires it with that
// subcode's advice.
TEST_F(SyncTest, OnDaySixtyOneTheConnectionStaysActiveWhileItsPageTokenWorks) {
  Start();
  const std::string session = ConnectedSeller("day61@duka.co");
  ASSERT_TRUE(meta_->Post("/_sandbox/clock", json{{"advance_seconds", 61 * 24 * 3600}}.dump(),
                          "application/json"));
  // The server's clock cannot move: its row says the sign-in was 61 days ago (Meta's user token
  // ran out yesterday) and the Page token was last checked two days ago.
  Sql(db_->url(),
      "UPDATE instagram_connection SET logged_in_at = now() - interval '61 days',"
      " user_token_expires_at = now() - interval '1 day',"
      " last_validated_at = now() - interval '2 days'");
  ASSERT_TRUE(meta_->Delete("/_sandbox/calls"));
  ASSERT_TRUE(RunTokenJob()) << server_->log().substr(0, 3000);
  EXPECT_EQ(One("SELECT status FROM instagram_connection"), "active")
      << server_->log().substr(0, 3000);
  EXPECT_EQ(One("SELECT last_validated_at > now() - interval '1 minute' FROM instagram_connection"),
            "t")
      << "the Page token was checked";
  json calls = Body(meta_->Get("/_sandbox/calls"))["by_endpoint"];
  EXPECT_EQ(calls.value("GET /{ig-user-id}", 0), 1) << calls.dump();
  EXPECT_EQ(calls.value("GET /oauth/access_token", 0), 0) << "no re-exchange: " << calls.dump();
  json connection = Body(Call(*vendly_, "GET", "/api/instagram/connection", {}, session));
  ASSERT_TRUE(connection["connection"]["loginReminder"].is_object()) << connection.dump();
  EXPECT_EQ(connection["connection"]["loginReminder"]["ageDays"], 61);
  EXPECT_EQ(connection["connection"]["loginReminder"]["lapsed"], true);
  EXPECT_EQ(connection["connection"]["loginReminder"]["message"],
            vendly::LoginAgeReminder(61LL * 24 * 3600 + 1)->message);
  EXPECT_EQ(connection["connection"]["status"], "active");

  // Checked today: the next run leaves it alone.
  ASSERT_TRUE(meta_->Delete("/_sandbox/calls"));
  ASSERT_TRUE(RunTokenJob()) << server_->log().substr(0, 3000);
  calls = Body(meta_->Get("/_sandbox/calls"))["by_endpoint"];
  EXPECT_EQ(calls.value("GET /{ig-user-id}", 0), 0) << "once a day: " << calls.dump();

  // The seller changed their Facebook password: the check's 190/460 expires the connection with
  // the advice for that subcode.
  ASSERT_TRUE(meta_->Post(
      "/_sandbox/faults",
      json{{"type", "token_error"}, {"subcode", 460}, {"endpoint", "GET /{ig-user-id}"}}.dump(),
      "application/json"));
  Sql(db_->url(),
      "UPDATE instagram_connection SET last_validated_at = now() - interval '25 hours'");
  ASSERT_TRUE(RunTokenJob()) << server_->log().substr(0, 3000);
  EXPECT_EQ(One("SELECT status FROM instagram_connection"), "expired");
  EXPECT_EQ(One("SELECT error_code FROM instagram_connection"), "token_invalid_460");
  connection = Body(Call(*vendly_, "GET", "/api/instagram/connection", {}, session));
  EXPECT_EQ(connection["connection"]["status"], "expired");
  EXPECT_EQ(connection["connection"]["errorMessage"], vendly::TokenInvalidAdvice(460));
  EXPECT_EQ(One("SELECT body FROM notification WHERE kind = 'connection_expired'"),
            vendly::TokenInvalidAdvice(460));
  ASSERT_TRUE(meta_->Delete("/_sandbox/faults"));
}

#endif  // META_SANDBOX_BIN

}  // namespace
}  // namespace vendly::test
