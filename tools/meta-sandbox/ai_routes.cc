// The fake language models: OpenAI-shaped POST /v1/chat/completions (JSON-schema structured
// output) and Gemini-shaped POST /v1beta/models/{model}:generateContent, answering each caption
// deterministically (an answer given through the control API for that caption, else the fake's
// own reader, ai_fake.h), with faults on demand. Control API: /_sandbox/ai/answers, /faults,
// /mode, /calls.
#include <chrono>
#include <thread>

#include "ai_fake.h"
#include "routes.h"

namespace vendly::sandbox {
namespace {

using nlohmann::json;

constexpr size_t kMaxCallsKept = 1000;
// A marker every prompt of ours carries (server/ai/prompt.cc): the fake records whether the rules
// reached it.
constexpr char kRulesMarker[] = "Labelling rules";

void Reply(httplib::Response& response, int status, const json& body) {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                       "application/json; charset=utf-8");
}

// The request as the fake reads it, whichever provider's shape it came in.
struct AiRequest {
  std::string provider;
  json body;
  std::string system_text;
  std::string caption;
  std::string store_currency;
  bool has_caption = false;
  AiCall call;
};

// A user text part {"caption","store_currency"} (the prompt's input object).
void ReadInputText(const std::string& text, AiRequest* r) {
  const json input = json::parse(text, nullptr, false);
  if (!input.is_object() || !input.contains("caption") || !input["caption"].is_string()) return;
  r->caption = input["caption"].get<std::string>();
  r->store_currency = input.value("store_currency", "");
  r->has_caption = true;
}

void ReadOpenAi(AiRequest* r) {
  const json& b = r->body;
  r->call.model = b.value("model", "");
  const json format = b.value("response_format", json::object());
  r->call.structured = format.is_object() && format.value("type", "") == "json_schema" &&
                       format.contains("json_schema") && format["json_schema"].contains("schema");
  for (const json& m : b.value("messages", json::array())) {
    if (!m.is_object()) continue;
    const std::string role = m.value("role", "");
    const json content = m.value("content", json());
    std::vector<json> parts;
    if (content.is_string()) parts.push_back({{"type", "text"}, {"text", content}});
    if (content.is_array()) parts.assign(content.begin(), content.end());
    for (const json& part : parts) {
      if (!part.is_object()) continue;
      const std::string text = part.value("text", "");
      if (role == "system" || role == "developer") r->system_text += text;
      if (role == "user" && part.value("type", "") == "text") ReadInputText(text, r);
      if (role == "user" && part.value("type", "") == "image_url") r->call.image_mime = "url";
    }
  }
}

void ReadGemini(AiRequest* r) {
  const json& b = r->body;
  const json config = b.value("generationConfig", json::object());
  r->call.structured = config.is_object() &&
                       config.value("responseMimeType", "") == "application/json" &&
                       (config.contains("responseSchema") || config.contains("responseJsonSchema"));
  const json system = b.value("systemInstruction", json::object());
  if (system.is_object()) {
    for (const json& part : system.value("parts", json::array()))
      if (part.is_object()) r->system_text += part.value("text", "");
  }
  for (const json& content : b.value("contents", json::array())) {
    if (!content.is_object()) continue;
    for (const json& part : content.value("parts", json::array())) {
      if (!part.is_object()) continue;
      if (part.contains("text") && part["text"].is_string()) ReadInputText(part["text"], r);
      const char* key = part.contains("inline_data") ? "inline_data" : "inlineData";
      if (!part.contains(key) || !part[key].is_object()) continue;
      const json& data = part[key];
      r->call.image_mime = data.value("mime_type", data.value("mimeType", ""));
      r->call.image_bytes = static_cast<int64_t>(data.value("data", "").size() * 3 / 4);
    }
  }
}

json ProviderError(const std::string& provider, int status, const std::string& message) {
  if (provider == "gemini") {
    const char* name = status == 429   ? "RESOURCE_EXHAUSTED"
                       : status == 400 ? "INVALID_ARGUMENT"
                       : status == 401 ? "UNAUTHENTICATED"
                       : status >= 500 ? "INTERNAL"
                                       : "FAILED_PRECONDITION";
    return {{"error", {{"code", status}, {"message", message}, {"status", name}}}};
  }
  const char* type = status == 429   ? "rate_limit_exceeded"
                     : status == 401 ? "invalid_api_key"
                     : status >= 500 ? "server_error"
                                     : "invalid_request_error";
  return {{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", type}}}};
}

// The first matching fault, counted; nullopt when none applies. Requires store.mu.
std::optional<AiFault> TakeFaultLocked(AiWorld& ai, const std::string& provider) {
  for (auto it = ai.faults.begin(); it != ai.faults.end(); ++it) {
    if (!it->provider.empty() && it->provider != provider) continue;
    ++it->fired;
    AiFault fault = *it;
    if (it->count > 0 && it->fired >= it->count) ai.faults.erase(it);
    return fault;
  }
  return std::nullopt;
}

// The answer for the request's caption with the mode and the fault applied. Requires store.mu.
json AnswerLocked(const AiWorld& ai, const AiRequest& r, const std::optional<AiFault>& fault) {
  const auto given = ai.answers.find(r.caption);
  json answer =
      given != ai.answers.end() ? given->second : ComputedAnswer(r.caption, r.store_currency);
  const std::string type = fault ? fault->type : "";
  if (ai.wrong_prices || type == "wrong_price") answer = WithWrongPrices(std::move(answer));
  if (type == "bad_quote") answer = WithQuoteNotInCaption(std::move(answer));
  return answer;
}

int TokensOf(size_t bytes) { return static_cast<int>(bytes / 4 + 1); }

json OpenAiCompletion(const AiRequest& r, const std::string& content, bool refusal,
                      size_t prompt_bytes) {
  json message = {{"role", "assistant"}, {"content", content}, {"refusal", nullptr}};
  if (refusal) {
    message["content"] = nullptr;
    message["refusal"] = "I'm sorry, I can't help with that request.";
  }
  const int in = TokensOf(prompt_bytes), out = TokensOf(content.size());
  return {
      {"id", "chatcmpl-sandbox-" + std::to_string(prompt_bytes)},
      {"object", "chat.completion"},
      {"created", 1765000000},
      {"model", r.call.model},
      {"choices", json::array({{{"index", 0}, {"message", message}, {"finish_reason", "stop"}}})},
      {"usage", {{"prompt_tokens", in}, {"completion_tokens", out}, {"total_tokens", in + out}}}};
}

json GeminiContent(const AiRequest& r, const std::string& content, bool refusal,
                   size_t prompt_bytes) {
  const int in = TokensOf(prompt_bytes), out = TokensOf(content.size());
  json candidate = {{"content", {{"role", "model"}, {"parts", json::array({{{"text", content}}})}}},
                    {"finishReason", "STOP"},
                    {"index", 0}};
  if (refusal) candidate = {{"finishReason", "SAFETY"}, {"index", 0}};
  return {{"candidates", json::array({candidate})},
          {"usageMetadata",
           {{"promptTokenCount", in},
            {"candidatesTokenCount", refusal ? 0 : out},
            {"totalTokenCount", in + (refusal ? 0 : out)}}},
          {"modelVersion", r.call.model}};
}

// Checks the key and the request's shape; writes the refusal and returns false when it fails.
bool Admit(const httplib::Request& request, AiRequest& r, httplib::Response& response) {
  std::string key;
  if (r.provider == "openai") {
    const std::string auth = request.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) key = auth.substr(7);
  } else {
    key = request.get_header_value("x-goog-api-key");
  }
  if (key.empty() || key == "invalid") {
    Reply(response, r.provider == "openai" ? 401 : 400,
          ProviderError(r.provider, r.provider == "openai" ? 401 : 400,
                        "Incorrect API key provided."));
    return false;
  }
  if (r.body.is_discarded() || !r.body.is_object()) {
    Reply(response, 400, ProviderError(r.provider, 400, "The request body is not JSON."));
    return false;
  }
  return true;
}

void Serve(Store& store, const std::string& provider, const std::string& model,
           const httplib::Request& request, httplib::Response& response) {
  AiRequest r;
  r.provider = provider;
  r.body = json::parse(request.body, nullptr, false);
  if (!Admit(request, r, response)) return;
  provider == "openai" ? ReadOpenAi(&r) : ReadGemini(&r);
  if (!model.empty()) r.call.model = model;
  r.call.provider = provider;
  r.call.caption = r.caption;
  r.call.store_currency = r.store_currency;
  r.call.prompt_has_rules = r.system_text.find(kRulesMarker) != std::string::npos;

  std::optional<AiFault> fault;
  json answer;
  {
    std::lock_guard<std::mutex> lock(store.mu);
    AiWorld& ai = store.world.ai;
    fault = TakeFaultLocked(ai, provider);
    r.call.fault = fault ? fault->type : "";
    answer = AnswerLocked(ai, r, fault);
    ai.calls.push_back(r.call);
    ++ai.total_calls;
    if (ai.calls.size() > kMaxCallsKept) ai.calls.erase(ai.calls.begin());
  }
  if (fault && fault->delay_ms > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(fault->delay_ms));
  const std::string type = fault ? fault->type : "";
  if (type == "status") {
    if (fault->retry_after > 0)
      response.set_header("Retry-After", std::to_string(fault->retry_after));
    return Reply(response, fault->status,
                 ProviderError(provider, fault->status, "The sandbox was told to fail."));
  }
  if (!r.has_caption || !r.call.structured) {
    return Reply(response, 400,
                 ProviderError(provider, 400,
                               "Expected a JSON-schema response format and a user text part "
                               "{\"caption\",\"store_currency\"}."));
  }
  std::string content = answer.dump(-1, ' ', false, json::error_handler_t::replace);
  if (type == "malformed") content = content.substr(0, content.size() / 2);
  const bool refusal = type == "refusal";
  const json body = provider == "openai"
                        ? OpenAiCompletion(r, content, refusal, request.body.size())
                        : GeminiContent(r, content, refusal, request.body.size());
  std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
  if (type == "malformed_body") text = text.substr(0, text.size() / 2);
  response.status = 200;
  response.set_content(text, "application/json; charset=utf-8");
}

// POST /_sandbox/ai/answers: {"caption","answer"} (a model answer as is), {"caption","expected"}
// (a labelled post, the dev set's shape) or {"answers":[...]} of either.
bool AddAnswerLocked(AiWorld& ai, const json& entry, std::string* error) {
  if (!entry.is_object() || !entry.contains("caption") || !entry["caption"].is_string()) {
    *error = "each answer needs a \"caption\" string";
    return false;
  }
  const std::string caption = entry["caption"].get<std::string>();
  if (entry.contains("answer") && entry["answer"].is_object()) {
    ai.answers[caption] = entry["answer"];
  } else if (entry.contains("expected") && entry["expected"].is_object()) {
    ai.answers[caption] = AnswerFromLabels(caption, entry["expected"]);
  } else {
    *error = "each answer needs an \"answer\" or an \"expected\" object";
    return false;
  }
  return true;
}

void InstallControl(httplib::Server& server, Store& store) {
  server.Post("/_sandbox/ai/answers", [&store](const httplib::Request& request,
                                               httplib::Response& response) {
    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_object()) return Reply(response, 400, {{"error", "expected a JSON object"}});
    const json entries = body.contains("answers") ? body["answers"] : json::array({body});
    if (!entries.is_array()) return Reply(response, 400, {{"error", "answers must be a list"}});
    std::lock_guard<std::mutex> lock(store.mu);
    json given = json::array();
    for (const json& entry : entries) {
      std::string error;
      if (!AddAnswerLocked(store.world.ai, entry, &error))
        return Reply(response, 400, {{"error", error}});
      given.push_back(store.world.ai.answers[entry["caption"].get<std::string>()]);
    }
    Reply(response, 200, {{"ok", true}, {"answers", given}});
  });
  server.Delete("/_sandbox/ai/answers", [&store](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(store.mu);
    store.world.ai.answers.clear();
    Reply(res, 200, {{"ok", true}});
  });
  server.Post("/_sandbox/ai/mode",
              [&store](const httplib::Request& request, httplib::Response& response) {
                const json body = json::parse(request.body, nullptr, false);
                const std::string mode = body.is_object() ? body.value("mode", "") : "";
                if (mode != "right" && mode != "wrong_prices")
                  return Reply(response, 400, {{"error", "mode must be right or wrong_prices"}});
                std::lock_guard<std::mutex> lock(store.mu);
                store.world.ai.wrong_prices = mode == "wrong_prices";
                Reply(response, 200, {{"ok", true}, {"mode", mode}});
              });
  server.Get("/_sandbox/ai/faults", [&store](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(store.mu);
    json faults = json::array();
    for (const AiFault& f : store.world.ai.faults) faults.push_back(AiFaultToJson(f));
    Reply(res, 200, {{"faults", faults}});
  });
  server.Post("/_sandbox/ai/faults", [&store](const httplib::Request& request,
                                              httplib::Response& response) {
    const json body = json::parse(request.body, nullptr, false);
    std::string error = "expected a JSON object";
    std::optional<AiFault> fault = body.is_object() ? AiFaultFromJson(body, &error) : std::nullopt;
    if (!fault) return Reply(response, 400, {{"error", error}});
    std::lock_guard<std::mutex> lock(store.mu);
    fault->id = store.world.ai.next_fault_id++;
    store.world.ai.faults.push_back(*fault);
    Reply(response, 200, AiFaultToJson(*fault));
  });
  server.Delete("/_sandbox/ai/faults", [&store](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(store.mu);
    store.world.ai.faults.clear();
    Reply(res, 200, {{"ok", true}});
  });
  server.Get("/_sandbox/ai/calls", [&store](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(store.mu);
    json calls = json::array();
    for (const AiCall& c : store.world.ai.calls) calls.push_back(AiCallToJson(c));
    Reply(res, 200, {{"total", store.world.ai.total_calls}, {"calls", calls}});
  });
  server.Delete("/_sandbox/ai/calls", [&store](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(store.mu);
    store.world.ai.calls.clear();
    store.world.ai.total_calls = 0;
    Reply(res, 200, {{"ok", true}});
  });
}

}  // namespace

void InstallAiRoutes(httplib::Server& server, Store& store) {
  server.Post("/v1/chat/completions",
              [&store](const httplib::Request& request, httplib::Response& response) {
                Serve(store, "openai", "", request, response);
              });
  server.Post(R"(/v1beta/models/([^/:]+):generateContent)",
              [&store](const httplib::Request& request, httplib::Response& response) {
                Serve(store, "gemini", request.matches[1], request, response);
              });
  InstallControl(server, store);
}

}  // namespace vendly::sandbox
