// vendly::Status / Result: the one error type of the core and the server.
#include <gtest/gtest.h>
#include <vendly/status.h>

#include <string>

namespace vendly {
namespace {

TEST(Status, OkByDefault) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.kind(), StatusKind::kOk);
  EXPECT_TRUE(ok.code().empty());
  EXPECT_FALSE(ok.is_server_error());
}

TEST(Status, NamedConstructorsCarryKindAndApiCode) {
  EXPECT_EQ(Status::InvalidRequest("m").kind(), StatusKind::kInvalidArgument);
  EXPECT_EQ(Status::InvalidRequest("m").code(), "invalid_request");
  EXPECT_EQ(Status::Unauthorized("m").code(), "unauthorized");
  EXPECT_EQ(Status::Forbidden("m").kind(), StatusKind::kPermissionDenied);
  EXPECT_EQ(Status::NotFound("m").code(), "not_found");
  Status conflict = Status::Conflict("email_taken", "an account exists");
  EXPECT_EQ(conflict.kind(), StatusKind::kConflict);
  EXPECT_EQ(conflict.code(), "email_taken");
  EXPECT_EQ(conflict.message(), "an account exists");
  EXPECT_EQ(Status::ValidationFailed("m").code(), "validation_failed");
  EXPECT_EQ(Status::ValidationFailed("m").kind(), StatusKind::kRejected);
  EXPECT_EQ(Status::UnsupportedMediaType("m").kind(), StatusKind::kUnsupported);
  EXPECT_FALSE(conflict.ok());
}

TEST(Status, ServerErrorsAreTheServicesOwnFailures) {
  EXPECT_TRUE(Status::Internal("m").is_server_error());
  EXPECT_TRUE(Status::Unavailable("m").is_server_error());
  EXPECT_TRUE(Status(StatusKind::kUpstream, "meta_error", "m").is_server_error());
  EXPECT_FALSE(Status::InvalidRequest("m").is_server_error());
  EXPECT_FALSE(Status::Conflict("c", "m").is_server_error());
  EXPECT_FALSE(Status::ValidationFailed("m").is_server_error());
}

TEST(Result, HoldsAValueOrAStatus) {
  Result<std::string> value = std::string("x");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, "x");
  EXPECT_EQ(value->size(), 1u);
  Result<std::string> error = Status::NotFound("gone");
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), "not_found");
  EXPECT_EQ(std::move(value).value(), "x");
}

}  // namespace
}  // namespace vendly
