#include "faults.h"

namespace vendly::sandbox {

using nlohmann::json;

std::optional<Fault> FaultFromJson(const json& d, std::string* error) {
  if (!d.is_object()) {
    *error = "a fault is a JSON object";
    return std::nullopt;
  }
  Fault fault;
  fault.type = d.value("type", "");
  fault.endpoint = d.value("endpoint", "");
  fault.path_contains = d.value("path_contains", "");
  fault.account = d.value("account", "");
  fault.after = d.value("after", int64_t{0});
  fault.count = d.value("count", int64_t{-1});
  fault.message = d.value("message", "");
  if (fault.type == "throttle") {
    fault.code = d.value("code", 4);
    if (fault.code != 4 && fault.code != 17 && fault.code != 32 && fault.code != 613 &&
        fault.code != 80002) {
      *error = "throttle code must be one of 4, 17, 32, 613, 80002";
      return std::nullopt;
    }
  } else if (fault.type == "error") {
    fault.status = d.value("status", 500);
    fault.code = d.value("code", fault.status == 503 ? 2 : 1);
    if (fault.status < 500 || fault.status > 599) {
      *error = "error status must be 5xx";
      return std::nullopt;
    }
  } else if (fault.type == "token_error") {
    fault.code = 190;
    fault.subcode = d.value("subcode", 463);
  } else if (fault.type == "graph_error") {
    fault.code = d.value("code", 100);
    fault.subcode = d.value("subcode", fault.code == 100 ? 33 : 0);
    if (fault.code <= 0 || fault.code == 190) {
      *error = "graph_error code must be positive and not 190 (use token_error)";
      return std::nullopt;
    }
  } else if (fault.type == "slow") {
    fault.delay_ms = d.value("delay_ms", int64_t{2000});
    if (fault.delay_ms < 0 || fault.delay_ms > 120000) {
      *error = "delay_ms must be within 0..120000";
      return std::nullopt;
    }
  } else if (fault.type == "short_page") {
    fault.items = d.value("items", int64_t{0});
    if (fault.items < 0 || fault.items > 100) {
      *error = "items must be within 0..100";
      return std::nullopt;
    }
  } else if (fault.type == "truncate" || fault.type == "drop") {
    fault.keep = d.value("keep", 0.5);
    if (!(fault.keep >= 0.0 && fault.keep < 1.0)) {
      *error = "keep must be within [0, 1)";
      return std::nullopt;
    }
  } else {
    *error =
        "type must be one of throttle, error, token_error, graph_error, slow, truncate, drop, "
        "short_page";
    return std::nullopt;
  }
  if (fault.after < 0) {
    *error = "after must be >= 0";
    return std::nullopt;
  }
  return fault;
}

json FaultToJson(const Fault& fault) {
  json out = {{"id", fault.id},       {"type", fault.type}, {"after", fault.after},
              {"count", fault.count}, {"seen", fault.seen}, {"fired", fault.fired}};
  if (!fault.endpoint.empty()) out["endpoint"] = fault.endpoint;
  if (!fault.path_contains.empty()) out["path_contains"] = fault.path_contains;
  if (!fault.account.empty()) out["account"] = fault.account;
  if (fault.code) out["code"] = fault.code;
  if (fault.subcode) out["subcode"] = fault.subcode;
  if (fault.status) out["status"] = fault.status;
  if (fault.type == "slow") out["delay_ms"] = fault.delay_ms;
  if (fault.type == "truncate" || fault.type == "drop") out["keep"] = fault.keep;
  if (fault.type == "short_page") out["items"] = fault.items;
  return out;
}

// A 4xx Meta error that is about the object or the permission, not the token: 100/33 in Meta's
// words for an object it will not show (the same words whether it is gone or hidden from this
// token), 10 or 200-299 a missing permission, any other code a generic OAuthException.
GraphReply GraphErrorFault(int code, int subcode) {
  if (code == 100 && subcode == 33)
    return MetaError(
        "Unsupported get request. Object does not exist, cannot be loaded due to missing "
        "permissions, or does not support this operation. Please read the Graph API documentation "
        "at https://developers.facebook.com/docs/graph-api",
        "GraphMethodException", 100, 33);
  if (code == 10 || (code >= 200 && code <= 299))
    return MetaError(
        "(#" + std::to_string(code) + ") Application does not have permission for this action",
        "OAuthException", code, subcode);
  return MetaError("(#" + std::to_string(code) + ") Invalid request", "OAuthException", code,
                   subcode);
}

GraphReply ThrottleError(int code) {
  switch (code) {
    case 17:
      return MetaError("(#17) User request limit reached", "OAuthException", 17, 0, true);
    case 32:
      return MetaError("(#32) Page request limit reached", "OAuthException", 32, 0, true);
    case 613:
      return MetaError("(#613) Calls to this api have exceeded the rate limit.", "OAuthException",
                       613, 0, true);
    case 80002:
      return MetaError(
          "(#80002) There have been too many calls to this Instagram account. Wait a bit and try "
          "again. For "
          "more info, please refer to "
          "https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
          "OAuthException", 80002, 0, true);
    default:
      return MetaError("(#4) Application request limit reached", "OAuthException", 4, 0, true);
  }
}

FaultDecision EvaluateFaultsLocked(World& world, const std::string& endpoint,
                                   const std::string& path, const std::string& account) {
  FaultDecision decision;
  for (Fault& fault : world.faults) {
    if (!fault.endpoint.empty() && fault.endpoint != endpoint) continue;
    if (!fault.path_contains.empty() && path.find(fault.path_contains) == std::string::npos)
      continue;
    if (!fault.account.empty() && fault.account != account) continue;
    ++fault.seen;
    if (fault.seen <= fault.after) continue;
    if (fault.count >= 0 && fault.fired >= fault.count) continue;
    if (fault.type == "slow") {
      ++fault.fired;
      decision.delay_ms += fault.delay_ms;
      continue;
    }
    if (fault.type == "short_page") {
      if (!decision.page_items) {
        ++fault.fired;
        decision.page_items = fault.items;
      }
      continue;
    }
    if (fault.type == "truncate") {
      if (!decision.keep) {
        ++fault.fired;
        decision.keep = fault.keep;
      }
      continue;
    }
    if (fault.type == "drop") {
      if (!decision.drop) {
        ++fault.fired;
        decision.drop = fault.keep;
      }
      continue;
    }
    if (decision.reply) continue;  // the first error-producing fault wins
    ++fault.fired;
    if (fault.type == "throttle") {
      decision.reply = ThrottleError(fault.code);
      decision.throttle_code = fault.code;
    } else if (fault.type == "error") {
      decision.reply =
          fault.code == 2
              ? MetaError("An unexpected error has occurred. Please retry your request later.",
                          "OAuthException", 2, 0, true)
              : MetaError("An unknown error has occurred.", "OAuthException", fault.code, 0, true);
      decision.reply->status = fault.status;
    } else if (fault.type == "graph_error") {
      decision.reply = GraphErrorFault(fault.code, fault.subcode);
    } else if (fault.type == "token_error") {
      decision.reply =
          MetaError(fault.message.empty() ? "Error validating access token: Session has expired."
                                          : fault.message,
                    "OAuthException", 190, fault.subcode, false);
    }
    if (!fault.message.empty() && decision.reply) {
      decision.reply->body["error"]["message"] = fault.message;
    }
  }
  return decision;
}

}  // namespace vendly::sandbox
