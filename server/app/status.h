// Errors as values for the edge server: a Status (code + message) and Result<T> (a value or a
// Status). Codes are the API's error codes ("invalid_request", "not_found", ...) so a failure can
// travel from the database or the Graph API client up to a handler and out as
// {"error":{"code","message"}} unchanged.
#ifndef VENDLY_SERVER_STATUS_H_
#define VENDLY_SERVER_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace vendly::server {

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(std::string code, std::string message, int http_status)
      : code_(std::move(code)), message_(std::move(message)), http_status_(http_status) {}

  static Status Ok() { return Status(); }
  static Status InvalidRequest(std::string msg) { return {"invalid_request", std::move(msg), 400}; }
  static Status Unauthorized(std::string msg) { return {"unauthorized", std::move(msg), 401}; }
  static Status Forbidden(std::string msg) { return {"forbidden", std::move(msg), 403}; }
  static Status NotFound(std::string msg) { return {"not_found", std::move(msg), 404}; }
  static Status Conflict(std::string code, std::string msg) {
    return {std::move(code), std::move(msg), 409};
  }
  static Status Internal(std::string msg) { return {"internal", std::move(msg), 500}; }
  static Status Unavailable(std::string msg) { return {"unavailable", std::move(msg), 503}; }

  bool ok() const { return code_.empty(); }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  // The HTTP status a handler answers with when this error reaches it.
  int http_status() const { return ok() ? 200 : http_status_; }

 private:
  std::string code_;
  std::string message_;
  int http_status_ = 200;
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

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STATUS_H_
