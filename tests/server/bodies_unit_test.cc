// The request-body readers of routes/bodies.h, the functions the routes and tests/fuzz's
// request_body_fuzz call.
#include <gtest/gtest.h>

#include "routes/bodies.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

// Found by tests/fuzz/graph_fuzz (Meta's media timestamps) and request_body_fuzz (a scan's since):
// sscanf's %2d read " 1" and "-1" as numbers, so "2026- 1- 1" and a time of -1:-1:-1 were dates.
TEST(Timestamps, OnlyDigitsWhereTheFormatHasDigits) {
  EXPECT_FALSE(ParseTimestamp("2026- 1- 1").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-01-01T-1:-1:-1Z").has_value());
  EXPECT_FALSE(ParseTimestamp("+026-01-01").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-01-01T 1:00:00").has_value());
  EXPECT_EQ(ParseTimestamp("2026-05-01"), 1777593600);
  EXPECT_EQ(ParseTimestamp("2026-11-20T08:15:30+0000"), 1795162530);
  EXPECT_EQ(ParseTimestamp("2026-11-20T11:15:30.250+03:00"), 1795162530);
  EXPECT_EQ(ParseTimestamp("2026-11-20 08:15:30Z"), 1795162530);
}

TEST(RequestBodies, AScanBodyIsReadWithinItsLimits) {
  auto defaults = ReadScanBody("", "application/json");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->limit, 100);
  auto asked = ReadScanBody(R"({"limit":50,"includeVideos":true,"since":"2026-05-01"})", "");
  ASSERT_TRUE(asked.ok());
  EXPECT_EQ(asked->limit, 50);
  EXPECT_TRUE(asked->include_videos);
  for (const char* bad :
       {R"({"limit":18446744073709551615})", R"({"limit":1e300})", R"({"limit":0})",
        R"({"since":"2026- 1- 1"})", R"({"includeVideos":1})", "[]", "{"}) {
    auto r = ReadScanBody(bad, "application/json");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), "invalid_request") << bad;
  }
  EXPECT_EQ(ReadScanBody("--x", "multipart/form-data; boundary=x").status().code(),
            "unsupported_media_type");
}

TEST(RequestBodies, WronglyTypedFieldsAreNamedNotThrown) {
  const Json body = Json::parse(R"({"email":1,"password":[],"name":{},"currency":5,)"
                                R"("autoApprove":"yes","autoApproveThreshold":"0.5",)"
                                R"("draftIds":"a","choice":7,"reason":false})");
  EXPECT_EQ(ReadSignupBody(body).status().message(), "email must be a string");
  EXPECT_EQ(ReadLoginBody(body).status().message(), "email must be a string");
  EXPECT_EQ(ReadStorePatchBody(body).status().message(), "name must be a string");
  EXPECT_FALSE(ReadBatchApproveBody(body).ok());
  EXPECT_EQ(ReadConflictChoiceBody(body).status().message(), "choice must be a string");
  EXPECT_EQ(ReadRejectBody(body.dump(), "application/json").status().message(),
            "reason must be a string");
}

TEST(RequestBodies, BatchIdsAreDistinctAndBounded) {
  auto ids = ReadBatchApproveBody(Json::parse(R"({"draftIds":["a","b","a"]})"));
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"a", "b"}));
  Json many = {{"draftIds", Json::array()}};
  for (int i = 0; i <= kMaxBatchApprove; ++i) many["draftIds"].push_back(std::to_string(i));
  EXPECT_FALSE(ReadBatchApproveBody(many).ok());
  EXPECT_FALSE(ReadBatchApproveBody(Json::parse(R"({"draftIds":[]})")).ok());
}

}  // namespace
}  // namespace vendly::server
