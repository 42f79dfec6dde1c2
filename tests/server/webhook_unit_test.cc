// The pure parts of Meta webhook deliveries: the X-Hub-Signature-256 check, the nesting guard, and
// the changes a delivery body yields (dedupe keys, handled fields, malformed parts kept).
#include <gtest/gtest.h>

#include "crypto/crypto.h"
#include "meta/webhooks.h"

namespace vendly::server {
namespace {

using nlohmann::json;

std::string Sign(const std::string& secret, const std::string& body) {
  return "sha256=" + HexEncode(HmacSha256(secret, body));
}

TEST(HubSignature, AcceptsTheHmacOfTheRawBody) {
  const std::string body = R"({"object":"instagram","entry":[]})";
  EXPECT_EQ(CheckHubSignature("s3cret", body, Sign("s3cret", body)), SignatureCheck::kValid);
  std::string upper = Sign("s3cret", body);
  for (std::size_t i = 7; i < upper.size(); ++i) upper[i] = char(std::toupper(upper[i]));
  EXPECT_EQ(CheckHubSignature("s3cret", body, upper), SignatureCheck::kValid);
}

TEST(HubSignature, RefusesMissingMalformedAndMismatched) {
  const std::string body = R"({"object":"instagram","entry":[]})";
  const std::string good = Sign("s3cret", body);
  EXPECT_EQ(CheckHubSignature("s3cret", body, ""), SignatureCheck::kMissing);
  EXPECT_EQ(CheckHubSignature("s3cret", body, good.substr(7)), SignatureCheck::kMalformed);
  EXPECT_EQ(CheckHubSignature("s3cret", body, "sha1=" + good.substr(7)),
            SignatureCheck::kMalformed);
  EXPECT_EQ(CheckHubSignature("s3cret", body, good + "0"), SignatureCheck::kMalformed);
  EXPECT_EQ(CheckHubSignature("s3cret", body, "sha256=" + std::string(64, 'z')),
            SignatureCheck::kMalformed);
  EXPECT_EQ(CheckHubSignature("other", body, good), SignatureCheck::kMismatch);
  // One byte more, or the same JSON re-serialised: a different body, so a different signature.
  EXPECT_EQ(CheckHubSignature("s3cret", body + " ", good), SignatureCheck::kMismatch);
  EXPECT_EQ(CheckHubSignature("s3cret", json::parse(body).dump(2), good),
            SignatureCheck::kMismatch);
  std::string flipped = good;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_EQ(CheckHubSignature("s3cret", body, flipped), SignatureCheck::kMismatch);
}

TEST(JsonNesting, CountsArraysAndObjectsButNotStrings) {
  EXPECT_EQ(JsonNestingDepth("1"), 0);
  EXPECT_EQ(JsonNestingDepth(R"({"a":[1,{"b":[]}]})"), 4);
  EXPECT_EQ(JsonNestingDepth(R"({"a":"[[[[{{{{"})"), 1);
  EXPECT_EQ(JsonNestingDepth(R"({"a":"\"[[[["})"), 1);
  EXPECT_EQ(JsonNestingDepth(std::string(1000, '[') + std::string(1000, ']')), 1000);
}

json Delivery(const json& changes, const std::string& account = "17841400000000101",
              long long time = 1790000000) {
  return {{"object", "instagram"},
          {"entry", json::array({{{"id", account}, {"time", time}, {"changes", changes}}})}};
}

json Comment(const std::string& comment_id, const std::string& media_id) {
  return {{"field", "comments"},
          {"value",
           {{"from", {{"id", "17841400999000111"}, {"username", "mteja_254"}}},
            {"media", {{"id", media_id}, {"media_product_type", "FEED"}}},
            {"id", comment_id},
            {"text", "Bei gani?"}}}};
}

TEST(WebhookChanges, ThePlansMediaChangeIsHandled) {
  // Plan 5.4's example body.
  auto changes = ExtractWebhookChanges(json::parse(R"({"object":"instagram","entry":[{
      "id":"ig_user_id","time":1234567890,
      "changes":[{"field":"media","value":{"media_id":"ig_media_id"}}]}]})"));
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  const WebhookChange& c = (*changes)[0];
  EXPECT_TRUE(c.handled);
  EXPECT_EQ(c.field, "media");
  EXPECT_EQ(c.event_type, "media");
  EXPECT_EQ(c.ig_user_id, "ig_user_id");
  EXPECT_EQ(c.ig_media_id, "ig_media_id");
  EXPECT_EQ(c.dedupe_key.size(), 64u);
  EXPECT_EQ(c.raw["value"]["media_id"], "ig_media_id");
  EXPECT_EQ(c.raw["time"], 1234567890);
}

TEST(WebhookChanges, CommentsAndMentionsNameTheirMedia) {
  json mention = {{"field", "mentions"},
                  {"value", {{"media_id", "17900000000000002"}, {"comment_id", "179"}}}};
  auto changes =
      ExtractWebhookChanges(Delivery(json::array({Comment("1791", "17900000000000001"), mention})));
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].ig_media_id, "17900000000000001");
  EXPECT_EQ((*changes)[1].ig_media_id, "17900000000000002");
  EXPECT_TRUE((*changes)[0].handled);
  EXPECT_TRUE((*changes)[1].handled);
  EXPECT_NE((*changes)[0].dedupe_key, (*changes)[1].dedupe_key);
}

TEST(WebhookChanges, TheSameChangeHasTheSameKeyInAnyDelivery) {
  const json comment = Comment("1791", "17900000000000001");
  auto alone = ExtractWebhookChanges(Delivery(json::array({comment})));
  // Re-batched with another change, keys in another order, other whitespace.
  const std::string rebatched = R"({"entry":[{"changes":[{"value":{"text":"Bei gani?",
      "id":"1791","media":{"media_product_type":"FEED","id":"17900000000000001"},
      "from":{"username":"mteja_254","id":"17841400999000111"}},"field":"comments"},
      {"field":"comments","value":{"id":"1792","text":"Iko?"}}],
      "time":1790000000,"id":"17841400000000101"}],"object":"instagram"})";
  auto batched = ExtractWebhookChanges(json::parse(rebatched));
  ASSERT_TRUE(alone.ok() && batched.ok());
  ASSERT_EQ(batched->size(), 2u);
  EXPECT_EQ((*alone)[0].dedupe_key, (*batched)[0].dedupe_key);
  EXPECT_NE((*alone)[0].dedupe_key, (*batched)[1].dedupe_key);
  // Another time, another account or another text is another change.
  auto later =
      ExtractWebhookChanges(Delivery(json::array({comment}), "17841400000000101", 1790000001));
  auto other = ExtractWebhookChanges(Delivery(json::array({comment}), "17841400000000102"));
  json edited = comment;
  edited["value"]["text"] = "Bei gani sasa?";
  auto changed = ExtractWebhookChanges(Delivery(json::array({edited})));
  EXPECT_NE((*alone)[0].dedupe_key, (*later)[0].dedupe_key);
  EXPECT_NE((*alone)[0].dedupe_key, (*other)[0].dedupe_key);
  EXPECT_NE((*alone)[0].dedupe_key, (*changed)[0].dedupe_key);
}

TEST(WebhookChanges, UnknownFieldsOtherObjectsAndMessagingAreKeptButNotHandled) {
  json insights = {{"field", "story_insights"}, {"value", {{"media_id", "1"}, {"reach", 5}}}};
  auto changes = ExtractWebhookChanges(Delivery(json::array({insights})));
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_FALSE((*changes)[0].handled);
  EXPECT_EQ((*changes)[0].ignore_reason, "field \"story_insights\" is not handled");

  json page = Delivery(json::array({Comment("1", "2")}));
  page["object"] = "page";
  changes = ExtractWebhookChanges(page);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_FALSE((*changes)[0].handled);
  EXPECT_EQ((*changes)[0].ignore_reason, "object \"page\" is not handled");

  json messaging = {
      {"object", "instagram"},
      {"entry", json::array({{{"id", "17841400000000101"},
                              {"time", 1790000000123LL},
                              {"messaging",
                               json::array({{{"sender", {{"id", "1"}}},
                                             {"recipient", {{"id", "2"}}},
                                             {"timestamp", 1790000000000LL},
                                             {"message", {{"mid", "m1"}, {"text", "hi"}}}}})}}})}};
  changes = ExtractWebhookChanges(messaging);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].event_type, "messaging");
  EXPECT_EQ((*changes)[0].field, "messages");
  EXPECT_FALSE((*changes)[0].handled);
  EXPECT_EQ((*changes)[0].raw["messaging"]["message"]["mid"], "m1");
}

TEST(WebhookChanges, AMalformedPartIsKeptWithItsReason) {
  json body =
      Delivery(json::array({Comment("1791", "1"), json("not a change"), json{{"value", 1}}}));
  body["entry"].push_back(42);
  body["entry"].push_back({{"id", 17841400000000101LL}, {"time", 1}, {"changes", {{"a", 1}}}});
  auto changes = ExtractWebhookChanges(body);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 5u);
  EXPECT_TRUE((*changes)[0].handled);
  EXPECT_EQ((*changes)[1].ignore_reason, "the change has no field");
  EXPECT_EQ((*changes)[2].ignore_reason, "the change has no field");
  EXPECT_EQ((*changes)[3].ignore_reason, "the entry is not an object");
  EXPECT_EQ((*changes)[4].ignore_reason, "changes is not an array");
  EXPECT_EQ((*changes)[4].ig_user_id, "17841400000000101");  // a numeric id, as its digits
  for (std::size_t i = 1; i < changes->size(); ++i) EXPECT_FALSE((*changes)[i].handled);
  EXPECT_NE((*changes)[1].dedupe_key, (*changes)[2].dedupe_key);
}

TEST(WebhookChanges, ABodyWithoutObjectOrEntryIsRefused) {
  EXPECT_EQ(ExtractWebhookChanges(json::array()).status().code(), "invalid_request");
  EXPECT_FALSE(ExtractWebhookChanges({{"entry", json::array()}}).ok());
  EXPECT_FALSE(ExtractWebhookChanges({{"object", 1}, {"entry", json::array()}}).ok());
  EXPECT_FALSE(ExtractWebhookChanges({{"object", "instagram"}}).ok());
  EXPECT_FALSE(ExtractWebhookChanges({{"object", "instagram"}, {"entry", json::object()}}).ok());
  auto empty = ExtractWebhookChanges({{"object", "instagram"}, {"entry", json::array()}});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace vendly::server
