// Shared pieces of the sandbox's HTTP layer: Meta-shaped error bodies, Meta-style JSON
// serialisation, request parameters (query and form body), URL helpers and the redacted request
// log.
#ifndef VENDLY_SERVER_SANDBOX_HTTP_UTIL_H_
#define VENDLY_SERVER_SANDBOX_HTTP_UTIL_H_

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace vendly::sandbox {

// A Graph API answer before it is written out: status and JSON body.
struct GraphReply {
  int status = 200;
  nlohmann::json body;
};

// {"error":{"message","type","code","error_subcode"?,"is_transient","fbtrace_id"}}. error_subcode
// is left out when 0, as Meta does. HTTP status policy (one rule, used everywhere): permission
// errors (#10 and #200-#299) answer 403, server faults 5xx as injected, everything else
// (OAuthException 190, validation 100, throttling 4/17/32/613/ 80002, ...) 400.
GraphReply MetaError(std::string message, std::string type, int code, int subcode = 0,
                     bool is_transient = false);

// The status the policy above gives an error code.
int StatusForCode(int code);

// Serialises like Meta's Graph API: non-ASCII as \uXXXX escapes, "/" as "\/".
std::string DumpMeta(const nlohmann::json& body);

// Query parameters merged with an application/x-www-form-urlencoded body (the body does not
// override the query).
httplib::Params AllParams(const httplib::Request& request);

// The first value of `key` in `params`, or "".
std::string ParamOf(const httplib::Params& params, const std::string& key);

// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
std::string EncodeQueryValue(const std::string& value);

// Builds "k=v&k=v" from params, in order, percent-encoded.
std::string QueryString(const httplib::Params& params);

// HTML-escapes text for attribute and element content.
std::string HtmlEscape(const std::string& text);

// One JSON log line for a finished request, with secrets (access_token, client_secret, code,
// fb_exchange_token, input_token, hub.verify_token, oh, batch) redacted from the query.
std::string LogLine(const httplib::Request& request, const httplib::Response& response);

// Splits "/a/b/c" into {"a","b","c"}, ignoring empty pieces.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_HTTP_UTIL_H_
