// Instagram media against the sandbox: cursor paging newest first, limit, field selection with
// children expansion, media and children nodes, signed CDN URLs, and publishing/editing/deleting
// through the control API.
#include <set>

#include "sandbox_harness.h"

namespace vendly::sandbox_test {
namespace {

const char kFullFields[] =
    "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,"
    "children{id,media_type,media_url,thumbnail_url}";

class Media : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    token_ = LongToken(kWanjiru);
    ASSERT_FALSE(token_.empty());
  }

  std::string MediaPath(const std::string& account, const std::string& query) {
    return "/v25.0/" + account + "/media?" + query + "&access_token=" + Encode(token_);
  }

  // Follows paging.next from the first page; returns every item and counts the pages.
  std::vector<json> PageThrough(const std::string& first, int* pages) {
    std::vector<json> items;
    Reply page = Get(first);
    *pages = 1;
    for (;;) {
      EXPECT_EQ(page.status, 200) << page.body;
      if (page.status != 200) break;
      for (const auto& item : page.json_body["data"]) items.push_back(item);
      if (!page.json_body.contains("paging") || !page.json_body["paging"].contains("next")) break;
      page = GetUrl(page.json_body["paging"]["next"]);
      ++*pages;
      if (*pages > 200) break;
    }
    return items;
  }

  std::string token_;
};

TEST_F(Media, PagesThroughEveryPostNewestFirstWithChildren) {
  ASSERT_EQ(Delete("/_sandbox/calls").status, 200);
  int pages = 0;
  const std::vector<json> items =
      PageThrough(MediaPath(kWanjiruIg, "fields=" + Encode(kFullFields) + "&limit=100"), &pages);
  ASSERT_EQ(items.size(), 320u);
  EXPECT_EQ(pages, 4);
  std::set<std::string> ids;
  int carousels = 0;
  int videos = 0;
  int without_caption = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const json& item = items[i];
    ids.insert(item["id"].get<std::string>());
    if (i > 0) {
      EXPECT_LE(item["timestamp"].get<std::string>(), items[i - 1]["timestamp"].get<std::string>());
    }
    EXPECT_EQ(item["timestamp"].get<std::string>().size(), 24u);  // 2026-11-20T08:15:30+0000
    EXPECT_EQ(item["timestamp"].get<std::string>().substr(19), "+0000");
    if (!item.contains("caption")) ++without_caption;
    const std::string type = item["media_type"];
    if (type == "CAROUSEL_ALBUM") {
      ++carousels;
      ASSERT_TRUE(item.contains("children")) << item.dump();
      EXPECT_GE(item["children"]["data"].size(), 2u);
      for (const auto& child : item["children"]["data"]) {
        EXPECT_TRUE(child.contains("id"));
        EXPECT_TRUE(child.contains("media_type"));
      }
    } else {
      EXPECT_FALSE(item.contains("children"));
    }
    if (type == "VIDEO") {
      ++videos;
      EXPECT_TRUE(item.contains("thumbnail_url"));
      EXPECT_EQ(item["media_product_type"], "REELS");
    }
  }
  EXPECT_EQ(ids.size(), 320u);
  EXPECT_GT(carousels, 20);
  EXPECT_GT(videos, 10);
  EXPECT_GT(without_caption, 3);

  Reply calls = Get("/_sandbox/calls");
  EXPECT_EQ(calls.json_body["by_account"][kWanjiruIg]["by_endpoint"]["GET /{ig-user-id}/media"], 4);
}

TEST_F(Media, ThousandPostAccountFitsInElevenCalls) {
  ASSERT_EQ(Delete("/_sandbox/calls").status, 200);
  const std::string bench = LongToken(kBench);
  int pages = 0;
  std::vector<json> items;
  Reply page = Get("/v25.0/" + std::string(kBenchIg) + "/media?fields=" + Encode(kFullFields) +
                   "&limit=100&access_token=" + Encode(bench));
  for (pages = 1;; ++pages) {
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto& item : page.json_body["data"]) items.push_back(item);
    if (!page.json_body["paging"].contains("next")) break;
    page = GetUrl(page.json_body["paging"]["next"]);
  }
  EXPECT_EQ(items.size(), 1000u);
  EXPECT_LE(pages, 11);
  EXPECT_EQ(Get("/_sandbox/calls").json_body["by_account"][kBenchIg]["total"], pages);
}

TEST_F(Media, LimitDefaultsTo25AndIsCappedAt100) {
  Reply first = Get(MediaPath(kWanjiruIg, "fields=id"));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json_body["data"].size(), 25u);
  EXPECT_FALSE(first.json_body["paging"].contains("previous"));
  Reply big = Get(MediaPath(kWanjiruIg, "fields=id&limit=500"));
  EXPECT_EQ(big.json_body["data"].size(), 100u);
  // paging.next keeps the request's parameters and moves on by cursor; previous goes back.
  Reply second = GetUrl(first.json_body["paging"]["next"]);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.json_body["data"][0]["id"], big.json_body["data"][25]["id"]);
  Reply back = GetUrl(second.json_body["paging"]["previous"]);
  EXPECT_EQ(back.json_body["data"], first.json_body["data"]);
}

TEST_F(Media, ReturnsOnlyTheRequestedFields) {
  Reply reply =
      Get(MediaPath(kWanjiruIg, "fields=" + Encode("id,timestamp,children{id}") + "&limit=5"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  bool saw_children = false;
  for (const auto& item : reply.json_body["data"]) {
    for (const auto& [key, value] : item.items()) {
      EXPECT_TRUE(key == "id" || key == "timestamp" || key == "children") << key;
    }
    if (item.contains("children")) {
      saw_children = true;
      for (const auto& child : item["children"]["data"])
        EXPECT_EQ(child.size(), 1u) << child.dump();
    }
  }
  EXPECT_TRUE(saw_children);  // the third post is a carousel
  Reply ids_only = Get(MediaPath(kWanjiruIg, "limit=2"));
  EXPECT_EQ(ids_only.json_body["data"][0].size(), 1u);  // default: id only
}

TEST_F(Media, FieldErrorsAreMetaShaped) {
  Reply syntax = Get(MediaPath(kWanjiruIg, "fields=" + Encode("id,children{id")));
  EXPECT_EQ(syntax.status, 400);
  EXPECT_EQ(syntax.json_body["error"]["code"], 2500);
  Reply unknown = Get(MediaPath(kWanjiruIg, "fields=id,price"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json_body["error"]["code"], 100);
  EXPECT_NE(unknown.json_body["error"]["message"].get<std::string>().find("(price)"),
            std::string::npos);
}

TEST_F(Media, PostWithoutCaptionHasNoCaptionKey) {
  Reply reply = Get(MediaPath(kWanjiruIg, "fields=id,caption,media_type&limit=2"));
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(reply.json_body["data"][0].contains("caption"));
  EXPECT_NE(reply.json_body["data"][0]["caption"].get<std::string>().find("Ksh 2,200"),
            std::string::npos);
  EXPECT_FALSE(reply.json_body["data"][1].contains("caption"));
  // Non-ASCII goes out as \u escapes and '/' as '\/', like Meta.
  EXPECT_NE(reply.body.find("\\ud83d"), std::string::npos);
}

TEST_F(Media, MediaNodeAndChildrenEdge) {
  Reply list = Get(MediaPath(kWanjiruIg, "fields=id,media_type&limit=3"));
  const std::string carousel = list.json_body["data"][2]["id"];
  ASSERT_EQ(list.json_body["data"][2]["media_type"], "CAROUSEL_ALBUM");
  Reply node = Get("/v25.0/" + carousel + "?fields=" + Encode("id,caption,children{media_type}") +
                   "&access_token=" + Encode(token_));
  ASSERT_EQ(node.status, 200) << node.body;
  EXPECT_EQ(node.json_body["children"]["data"].size(), 3u);
  Reply children = Get("/" + carousel +
                       "/children?fields=id,media_type,media_url&access_token=" + Encode(token_));
  ASSERT_EQ(children.status, 200);
  ASSERT_EQ(children.json_body["data"].size(), 3u);
  EXPECT_EQ(children.json_body["data"][2]["media_type"], "VIDEO");
  const std::string child = children.json_body["data"][0]["id"];
  EXPECT_EQ(Get("/v25.0/" + child + "?fields=id,media_url&access_token=" + Encode(token_)).status,
            200);
}

TEST_F(Media, ServesSignedPngsThatExpire) {
  Reply item = Get(MediaPath(kWanjiruIg, "fields=id,media_url&limit=1"));
  const std::string url = item.json_body["data"][0]["media_url"];
  ASSERT_EQ(url.rfind(base_url() + "/cdn/", 0), 0u) << url;
  EXPECT_NE(url.find("oe="), std::string::npos);
  Reply image = GetUrl(url);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.Header("Content-Type"), "image/png");
  EXPECT_EQ(image.Header("Content-Length"), std::to_string(image.body.size()));
  EXPECT_EQ(image.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(GetUrl(url).body, image.body);  // deterministic

  Reply tampered = GetUrl(url.substr(0, url.size() - 1) + (url.back() == '0' ? "1" : "0"));
  EXPECT_EQ(tampered.status, 403);
  ASSERT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", 6 * 24 * 3600}}).status, 200);
  Reply expired = GetUrl(url);
  EXPECT_EQ(expired.status, 403);
  EXPECT_EQ(expired.body, "URL signature expired");
}

TEST_F(Media, PublishEditAndDeleteThroughTheControlApi) {
  Reply published = PostJson(
      "/_sandbox/accounts/" + std::string(kWanjiruIg) + "/media",
      {{"caption", "Leso mpya 🌸 Ksh 650 each, 3 for 1.8k\nDM to order"}, {"media_type", "IMAGE"}});
  ASSERT_EQ(published.status, 201) << published.body;
  const std::string id = published.json_body["id"];
  Reply first = Get(MediaPath(kWanjiruIg, "fields=id,caption&limit=1"));
  EXPECT_EQ(first.json_body["data"][0]["id"], id);

  Reply edited = PostJson("/_sandbox/media/" + id, {{"caption", "Leso mpya 🌸 now Ksh 600 each"}});
  ASSERT_EQ(edited.status, 200);
  Reply node = Get("/v25.0/" + id + "?fields=caption&access_token=" + Encode(token_));
  EXPECT_EQ(node.json_body["caption"], "Leso mpya 🌸 now Ksh 600 each");
  ASSERT_EQ(PostJson("/_sandbox/media/" + id, {{"caption", nullptr}}).status, 200);
  EXPECT_FALSE(Get("/" + id + "?fields=id,caption&access_token=" + Encode(token_))
                   .json_body.contains("caption"));

  ASSERT_EQ(Delete("/_sandbox/media/" + id).status, 200);
  Reply gone = Get("/v25.0/" + id + "?fields=id&access_token=" + Encode(token_));
  EXPECT_EQ(gone.status, 400);
  EXPECT_EQ(gone.json_body["error"]["code"], 100);
  EXPECT_EQ(gone.json_body["error"]["error_subcode"], 33);
  EXPECT_NE(Get(MediaPath(kWanjiruIg, "fields=id&limit=1")).json_body["data"][0]["id"], id);
  EXPECT_EQ(
      Get("/" + std::string(kWanjiruIg) + "?fields=media_count&access_token=" + Encode(token_))
          .json_body["media_count"],
      320);
}

TEST_F(Media, CursorsSurviveDeletingTheItemTheyPointAt) {
  Reply first = Get(MediaPath(kWanjiruIg, "fields=id&limit=10"));
  const std::string last = first.json_body["data"][9]["id"];
  ASSERT_EQ(Delete("/_sandbox/media/" + last).status, 200);
  Reply second = GetUrl(first.json_body["paging"]["next"]);
  ASSERT_EQ(second.status, 200) << second.body;
  Reply all = Get(MediaPath(kWanjiruIg, "fields=id&limit=30"));
  // The next page starts right after the deleted post: nothing skipped, nothing repeated.
  EXPECT_EQ(second.json_body["data"][0]["id"], all.json_body["data"][9]["id"]);
}

TEST_F(Media, GenerateGrowsAnAccount) {
  Reply grown =
      PostJson("/_sandbox/accounts/" + std::string(kWanjiruIg) + "/generate", {{"count", 200}});
  ASSERT_EQ(grown.status, 200) << grown.body;
  EXPECT_EQ(grown.json_body["media_count"], 520);
  Reply replaced = PostJson("/_sandbox/accounts/" + std::string(kWanjiruIg) + "/generate",
                            {{"count", 30}, {"replace", true}});
  EXPECT_EQ(replaced.json_body["media_count"], 30);
}

TEST_F(Media, UsageHeadersGrowWithCalls) {
  ASSERT_EQ(PostJson("/_sandbox/usage", {{"app_budget", 50}, {"account_budget", 20}}).status, 200);
  Reply one = Get(MediaPath(kWanjiruIg, "fields=id&limit=1"));
  Reply two = Get(MediaPath(kWanjiruIg, "fields=id&limit=1"));
  const json app_one = json::parse(one.Header("X-App-Usage"));
  const json app_two = json::parse(two.Header("X-App-Usage"));
  EXPECT_GT(app_two["call_count"].get<int>(), app_one["call_count"].get<int>());
  const json buc = json::parse(two.Header("X-Business-Use-Case-Usage"));
  ASSERT_TRUE(buc.contains(kWanjiruIg)) << buc.dump();
  EXPECT_EQ(buc[kWanjiruIg][0]["type"], "instagram");
  EXPECT_EQ(buc[kWanjiruIg][0]["call_count"], 10);  // 2 of 20
  // Past the account's budget, Meta's Instagram throttling error.
  Reply last;
  for (int i = 0; i < 20; ++i) last = Get(MediaPath(kWanjiruIg, "fields=id&limit=1"));
  EXPECT_EQ(last.status, 400);
  EXPECT_EQ(last.json_body["error"]["code"], 80002);
  const json blocked = json::parse(last.Header("X-Business-Use-Case-Usage"))[kWanjiruIg][0];
  EXPECT_GE(blocked["call_count"].get<int>(), 100);
  EXPECT_GT(blocked["estimated_time_to_regain_access"].get<int>(),
            1400);  // the rolling 24 h window
  // A day later the window has emptied.
  ASSERT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", 24 * 3600 + 60}}).status, 200);
  EXPECT_EQ(Get(MediaPath(kWanjiruIg, "fields=id&limit=1")).status, 200);
}

}  // namespace
}  // namespace vendly::sandbox_test
