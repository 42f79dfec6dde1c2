// Faults on demand: parsing the control API's fault descriptions and deciding, per Graph call,
// which fault (if any) applies: a throttling error, a transient 5xx, a token error, a slow answer,
// a truncated body or a connection cut in the middle of the body.
#ifndef VENDLY_SERVER_SANDBOX_FAULTS_H_
#define VENDLY_SERVER_SANDBOX_FAULTS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http_util.h"
#include "store.h"

namespace vendly::sandbox {

// Builds a Fault from its JSON description, e.g. {"type":"throttle","code":80002,"after":3} or
// {"type":"error","status":503,"count":1,"endpoint":"GET /{ig-user-id}/media"}. On error returns
// nullopt and sets *error.
std::optional<Fault> FaultFromJson(const nlohmann::json& description, std::string* error);

nlohmann::json FaultToJson(const Fault& fault);

// What the matching faults do to one call.
struct FaultDecision {
  int64_t delay_ms = 0;
  std::optional<GraphReply> reply;    // replaces the real answer
  std::optional<double> keep;         // truncate the body to this fraction
  std::optional<double> drop;         // send this fraction of the body, then close the connection
  std::optional<int64_t> page_items;  // short_page: a media page holds at most this many items
  int throttle_code = 0;              // when reply is a throttling error
};

// Counts the call against every matching fault and returns their combined effect. Requires
// store.mu.
FaultDecision EvaluateFaultsLocked(World& world, const std::string& endpoint,
                                   const std::string& path, const std::string& account);

// The Meta error of a graph_error fault: 100/33 (an object Meta will not show), a permission
// error (10, 200-299) or another OAuthException code.
GraphReply GraphErrorFault(int code, int subcode);

// The Meta error for a throttling code (4, 17, 32, 613, 80002).
GraphReply ThrottleError(int code);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_FAULTS_H_
