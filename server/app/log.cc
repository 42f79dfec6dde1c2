#include "app/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace vendly::server {
namespace {

std::atomic<int> g_min_level{int(LogLevel::kInfo)};
std::mutex g_mutex;

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarn:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
  }
  return "INFO";
}

bool IsSensitiveKey(const std::string& key) {
  std::string k;
  for (char c : key) k += char((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  static const char* const kWords[] = {"token",         "secret",         "password", "cookie",
                                       "authorization", "signed_request", "oauthcode"};
  for (const char* w : kWords)
    if (k.find(w) != std::string::npos) return true;
  return k == "code_value" || k == "auth_code";
}

void Redact(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (IsSensitiveKey(it.key()))
        it.value() = "[redacted]";
      else
        Redact(it.value());
    }
  } else if (value.is_array()) {
    for (auto& v : value) Redact(v);
  }
}

}  // namespace

void SetLogLevel(LogLevel level) { g_min_level = int(level); }

bool ParseLogLevel(const std::string& text, LogLevel* level) {
  if (text == "debug")
    *level = LogLevel::kDebug;
  else if (text == "info")
    *level = LogLevel::kInfo;
  else if (text == "warn")
    *level = LogLevel::kWarn;
  else if (text == "error")
    *level = LogLevel::kError;
  else
    return false;
  return true;
}

std::string NowIso8601() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = std::time_t(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms % 1000));
  return buf;
}

void Log(LogLevel level, const std::string& operation, nlohmann::json fields) {
  if (int(level) < g_min_level.load()) return;
  nlohmann::ordered_json line;
  line["timestamp"] = NowIso8601();
  line["level"] = LevelName(level);
  line["service"] = "edge-server";
  line["operation"] = operation;
  if (fields.is_object()) {
    Redact(fields);
    for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
  }
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard<std::mutex> lock(g_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace vendly::server
