// Structured logs: one JSON object per line on stderr, shaped as the plan's section 8.3
// ({"timestamp","level","service","operation",...}). Safe to call from any thread. Field names that
// can carry credentials (token, secret, password, cookie, authorization, code, signed_request) are
// replaced by "[redacted]" whatever the caller passes, so a token never reaches a log line.
#ifndef VENDLY_SERVER_LOG_H_
#define VENDLY_SERVER_LOG_H_

#include <nlohmann/json.hpp>
#include <string>

namespace vendly::server {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Lines below `level` are dropped (VENDLY_LOG_LEVEL=debug|info|warn|error; default info).
void SetLogLevel(LogLevel level);
bool ParseLogLevel(const std::string& text, LogLevel* level);

// Writes {"timestamp","level","service":"edge-server","operation":operation, ...fields}.
void Log(LogLevel level, const std::string& operation,
         nlohmann::json fields = nlohmann::json::object());

inline void LogInfo(const std::string& op, nlohmann::json f = nlohmann::json::object()) {
  Log(LogLevel::kInfo, op, std::move(f));
}
inline void LogWarn(const std::string& op, nlohmann::json f = nlohmann::json::object()) {
  Log(LogLevel::kWarn, op, std::move(f));
}
inline void LogError(const std::string& op, nlohmann::json f = nlohmann::json::object()) {
  Log(LogLevel::kError, op, std::move(f));
}

// Now as ISO 8601 UTC with milliseconds, "2026-11-24T10:00:00.123Z".
std::string NowIso8601();

}  // namespace vendly::server

#endif  // VENDLY_SERVER_LOG_H_
