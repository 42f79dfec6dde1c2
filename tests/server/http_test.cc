// The HTTP layer in process: handler exceptions become JSON 500s, library errors become JSON,
// cookies and typed field readers.
#include "http/http.h"

#include <gtest/gtest.h>

#include <thread>

namespace vendly::server {
namespace {

class HttpLayerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config config;
    config.http_threads = 2;
    config.task_queue_max = 4;
    HardenServer(server_, config);
    router_.Get("/throws", Access::kPublic,
                [](RequestContext&) -> void { throw std::runtime_error("boom with a secret"); });
    router_.Get("/throws-int", Access::kPublic, [](RequestContext&) -> void { throw 42; });
    router_.Get("/private", Access::kSession, [](RequestContext& c) { SendJson(c.res, 200, {}); });
    server_.Get("/raw-throws",
                [](const httplib::Request&, httplib::Response&) { throw std::logic_error("raw"); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  void TearDown() override {
    server_.stop();
    thread_.join();
  }
  void ExpectJsonError(const char* path, int status, const std::string& code) {
    httplib::Client c("127.0.0.1", port_);
    auto r = c.Get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << path;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
    auto body = Json::parse(r->body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r->body;
    EXPECT_EQ(body["error"]["code"], code) << r->body;
    EXPECT_EQ(r->body.find("secret"), std::string::npos);
  }

  httplib::Server server_;
  Db db_{"host=/nonexistent dbname=none", 1};  // never reached: no route here queries it
  Router router_{server_, db_};
  int port_ = 0;
  std::thread thread_;
};

TEST_F(HttpLayerTest, HandlerExceptionsBecomeJson500s) {
  ExpectJsonError("/throws", 500, "internal");
  ExpectJsonError("/throws-int", 500, "internal");
  ExpectJsonError("/raw-throws", 500, "internal");
  ExpectJsonError("/nowhere", 404, "not_found");
  ExpectJsonError("/private", 401, "unauthorized");
}

TEST(HttpHelpers, ReadsCookies) {
  httplib::Request req;
  req.headers.emplace("Cookie", "a=1; vendly_session=tok; b=2");
  EXPECT_EQ(GetCookie(req, "vendly_session").value(), "tok");
  EXPECT_EQ(GetCookie(req, "b").value(), "2");
  EXPECT_FALSE(GetCookie(req, "vendly").has_value());
}

TEST(HttpHelpers, TypedFieldReaders) {
  Json body = {{"s", "héllo"}, {"n", 3}, {"b", true}, {"z", nullptr}};
  EXPECT_EQ(RequireString(body, "s", 1, 5).value(), "héllo");  // 5 characters, 6 bytes
  EXPECT_EQ(RequireString(body, "n", 1, 5).status().code(), "invalid_request");
  EXPECT_EQ(HttpStatusFor(RequireString(body, "missing", 1, 5).status()), 400);
  EXPECT_FALSE(RequireString(body, "s", 6, 9).ok());
  EXPECT_TRUE(OptionalBool(body, "b").value().value());
  EXPECT_FALSE(OptionalBool(body, "z").value().has_value());
  EXPECT_FALSE(OptionalBool(body, "n").ok());
}

TEST(HttpHelpers, ParsesOnlyUtf8JsonObjects) {
  httplib::Request req;
  req.body = "{\"a\":1}";
  EXPECT_TRUE(ParseJsonObject(req).ok());
  req.body = "{\"a\":\"\xc3\x28\"}";
  EXPECT_EQ(ParseJsonObject(req).status().code(), "invalid_request");
  req.body = "[]";
  EXPECT_FALSE(ParseJsonObject(req).ok());
  req.headers.emplace("Content-Type", "multipart/form-data; boundary=x");
  req.body = "{}";
  EXPECT_EQ(HttpStatusFor(ParseJsonObject(req).status()), 415);
}

TEST(HttpHelpers, OneHttpMappingAndErrorShapeForStatus) {
  EXPECT_EQ(HttpStatusFor(Status::Ok()), 200);
  EXPECT_EQ(HttpStatusFor(Status::InvalidRequest("x")), 400);
  EXPECT_EQ(HttpStatusFor(Status::Unauthorized("x")), 401);
  EXPECT_EQ(HttpStatusFor(Status::Forbidden("x")), 403);
  EXPECT_EQ(HttpStatusFor(Status::NotFound("x")), 404);
  EXPECT_EQ(HttpStatusFor(Status::Conflict("email_taken", "x")), 409);
  EXPECT_EQ(HttpStatusFor(Status::UnsupportedMediaType("x")), 415);
  EXPECT_EQ(HttpStatusFor(Status::ValidationFailed("x")), 422);
  EXPECT_EQ(HttpStatusFor(Status::Internal("x")), 500);
  EXPECT_EQ(HttpStatusFor(Status(StatusKind::kUpstream, "meta_error", "x")), 502);
  EXPECT_EQ(HttpStatusFor(Status::Unavailable("x")), 503);

  EXPECT_EQ(ErrorBody(Status::Conflict("email_taken", "taken")),
            Json({{"error", {{"code", "email_taken"}, {"message", "taken"}}}}));
  // A server error's own text (a database's message) never reaches a client.
  Json internal = ErrorBody(Status(StatusKind::kInternal, "database_error", "relation x missing"));
  EXPECT_EQ(internal, Json({{"error", {{"code", "internal"}, {"message", "internal error"}}}}));
  EXPECT_EQ(ErrorBody(Status::Unavailable("pool empty"))["error"]["code"], "unavailable");
}

}  // namespace
}  // namespace vendly::server
