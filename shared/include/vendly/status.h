// Errors as values, for the core and the server alike: a Status is a kind (an abstract code, what
// went wrong in general), a code (the API's error code, "invalid_request", "email_taken", ...: what
// a client or a caller branches on) and a message. Result<T> is a value or a Status.
//
// The core knows nothing of transports: how a kind answers over HTTP, and the error JSON shape, are
// written once in the server's HTTP layer (server/http/http.h: HttpStatusFor, ErrorBody).
#ifndef VENDLY_STATUS_H_
#define VENDLY_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace vendly {

enum class StatusKind {
  kOk,
  kInvalidArgument,   // the request or the input is wrong; repeating it fails again
  kUnauthenticated,   // no or a bad credential
  kPermissionDenied,  // a valid credential that may not do this
  kNotFound,          // the thing asked for does not exist (or is not the caller's)
  kConflict,          // the current state forbids it (already resolved, duplicate, not connected)
  kUnsupported,       // a form of input the service does not take (media type, encoding)
  kRejected,          // well-formed but fails the product rules (validation, a non-image file)
  kInternal,          // a failure of the service itself (database, bug)
  kUpstream,          // a service this one depends on failed or refused (Meta, a CDN)
  kUnavailable,       // temporarily unable (overload, rate limit, database down); try again later
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusKind kind, std::string code, std::string message)
      : kind_(kind), code_(std::move(code)), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidRequest(std::string msg) {
    return {StatusKind::kInvalidArgument, "invalid_request", std::move(msg)};
  }
  static Status Unauthorized(std::string msg) {
    return {StatusKind::kUnauthenticated, "unauthorized", std::move(msg)};
  }
  static Status Forbidden(std::string msg) {
    return {StatusKind::kPermissionDenied, "forbidden", std::move(msg)};
  }
  static Status NotFound(std::string msg) {
    return {StatusKind::kNotFound, "not_found", std::move(msg)};
  }
  static Status Conflict(std::string code, std::string msg) {
    return {StatusKind::kConflict, std::move(code), std::move(msg)};
  }
  static Status ValidationFailed(std::string msg) {
    return {StatusKind::kRejected, "validation_failed", std::move(msg)};
  }
  static Status UnsupportedMediaType(std::string msg) {
    return {StatusKind::kUnsupported, "unsupported_media_type", std::move(msg)};
  }
  static Status Internal(std::string msg) {
    return {StatusKind::kInternal, "internal", std::move(msg)};
  }
  static Status Unavailable(std::string msg) {
    return {StatusKind::kUnavailable, "unavailable", std::move(msg)};
  }

  bool ok() const { return kind_ == StatusKind::kOk; }
  StatusKind kind() const { return kind_; }
  // The API error code; empty when ok.
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  // A failure of this service or of one it depends on, not of the request: worth retrying, and
  // its message (a database's or a library's text) is not for a client.
  bool is_server_error() const {
    return kind_ == StatusKind::kInternal || kind_ == StatusKind::kUpstream ||
           kind_ == StatusKind::kUnavailable;
  }

 private:
  StatusKind kind_ = StatusKind::kOk;
  std::string code_;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace vendly

#endif  // VENDLY_STATUS_H_
