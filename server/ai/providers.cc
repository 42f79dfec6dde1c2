// The two providers of provider.h over cpp-httplib (https through OpenSSL): one retrying POST,
// then each service's request and answer shapes.
#include <httplib.h>
#include <vendly/job_policy.h>

#include <algorithm>
#include <thread>

#include "ai/prompt.h"
#include "ai/provider.h"
#include "app/config.h"
#include "crypto/crypto.h"

namespace vendly::server {

AiUsage& AiUsage::operator+=(const AiUsage& o) {
  calls += o.calls;
  input_tokens += o.input_tokens;
  output_tokens += o.output_tokens;
  cost_usd += o.cost_usd;
  latency_ms += o.latency_ms;
  return *this;
}

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// A base URL split into the origin httplib connects to and the path prefix requests go under.
struct Base {
  std::string origin;  // scheme://host[:port]
  std::string prefix;  // "" or "/v1"
};

Base SplitBase(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return {url, ""};
  return {url.substr(0, path), url.substr(path)};
}

// Seconds of a Retry-After header in its delta-seconds form; -1 when absent or a date.
int RetryAfterSeconds(const httplib::Response& r) {
  return vendly::RetryAfterHeaderSeconds(r.get_header_value("Retry-After"));
}

bool Retryable(int status) { return status == 429 || status >= 500; }

// The result of the retrying POST: the 2xx body, or why there is none.
struct Posted {
  bool ok = false;
  std::string body;
  std::string failure;
};

class Poster {
 public:
  explicit Poster(const AiProviderOptions& options)
      : options_(options), base_(SplitBase(options.base_url)), client_(base_.origin) {
    client_.set_connection_timeout(options.timeout_seconds, 0);
    client_.set_read_timeout(options.timeout_seconds, 0);
    client_.set_write_timeout(options.timeout_seconds, 0);
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);
    client_.set_follow_location(false);
    if (!options_.sleep)
      options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  }

  // POSTs JSON to prefix + path; retries 429, 5xx and failed connections up to max_retries
  // times. Never puts the headers (the key) into a failure.
  Posted Post(const std::string& path, const httplib::Headers& headers, const std::string& body,
              const std::function<std::string()>& before_call, AiUsage* usage) {
    const std::string full = base_.prefix + path;
    for (int attempt = 0;; ++attempt) {
      if (before_call) {
        std::string refused = before_call();
        if (!refused.empty()) return Fail(std::move(refused));
      }
      ++usage->calls;
      httplib::Result r = client_.Post(full.c_str(), headers, body, "application/json");
      std::chrono::milliseconds wait = Backoff(attempt);
      std::string failure;
      if (!r) {
        const httplib::Error e = r.error();
        if (e == httplib::Error::Read || e == httplib::Error::Write) return Fail("timeout");
        failure = "network: " + httplib::to_string(e);
      } else if (r->status >= 200 && r->status < 300) {
        return Posted{true, r->body, ""};
      } else {
        failure = "http " + std::to_string(r->status);
        if (!Retryable(r->status)) return Fail(failure);
        const int after = RetryAfterSeconds(*r);
        if (after >= 0) wait = std::chrono::milliseconds(after * 1000LL);
        if (wait > options_.max_retry_after)
          return Fail(failure + " (retry after " + std::to_string(after) + " s, too long)");
      }
      if (attempt >= options_.max_retries) return Fail(failure + " after retries");
      options_.sleep(wait);
    }
  }

 private:
  std::chrono::milliseconds Backoff(int attempt) const {
    const std::chrono::milliseconds doubled(options_.backoff_base.count() << std::min(attempt, 10));
    return std::min(doubled, options_.max_retry_after);
  }
  static Posted Fail(std::string why) { return Posted{false, "", std::move(why)}; }

  AiProviderOptions options_;
  Base base_;
  httplib::Client client_;
};

// The model's JSON text -> the answer; false when it is not the object asked for.
bool ReadModelText(const std::string& text, AiAnswer* out) {
  const json answer = json::parse(text, nullptr, false);
  if (!answer.is_object() || !answer.contains("items") || !answer["items"].is_array()) {
    out->failure = "malformed answer";
    return false;
  }
  out->answer = ModelAnswerFromJson(answer);
  out->ok = true;
  return true;
}

int64_t TokensAt(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

void Price(const AiProviderOptions& o, AiUsage* u) {
  u->cost_usd = (static_cast<double>(u->input_tokens) * o.input_usd_per_mtok +
                 static_cast<double>(u->output_tokens) * o.output_usd_per_mtok) /
                1e6;
}

class ProviderBase : public AiProvider {
 public:
  explicit ProviderBase(AiProviderOptions options)
      : options_(std::move(options)), poster_(options_) {}

  AiAnswer Ask(const AiPost& post) override {
    const auto start = Clock::now();
    AiAnswer out;
    Posted posted = poster_.Post(Path(), Headers(),
                                 Body(post).dump(-1, ' ', false, json::error_handler_t::replace),
                                 post.before_call, &out.usage);
    if (!posted.ok) {
      out.failure = posted.failure;
    } else {
      const json body = json::parse(posted.body, nullptr, false);
      if (!body.is_object()) {
        out.failure = "malformed body";
      } else {
        Read(body, &out);
      }
    }
    Price(options_, &out.usage);
    out.usage.latency_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    return out;
  }

 protected:
  virtual std::string Path() const = 0;
  virtual httplib::Headers Headers() const = 0;
  virtual json Body(const AiPost& post) const = 0;
  // Reads the service's answer body into *out (answer or failure, and the tokens).
  virtual void Read(const json& body, AiAnswer* out) const = 0;

  AiProviderOptions options_;

 private:
  Poster poster_;
};

class OpenAiProvider : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;
  const char* name() const override { return "openai"; }

 protected:
  std::string Path() const override { return "/chat/completions"; }
  httplib::Headers Headers() const override {
    return {{"Authorization", "Bearer " + options_.api_key}};
  }
  json Body(const AiPost& post) const override {
    return {
        {"model", options_.model},
        {"temperature", 0},
        {"messages",
         json::array(
             {{{"role", "system"}, {"content", AiSystemPrompt()}},
              {{"role", "user"},
               {"content", json::array({{{"type", "text"}, {"text", AiInputText(post)}}})}}})},
        {"response_format",
         {{"type", "json_schema"},
          {"json_schema",
           {{"name", "catalog_items"}, {"strict", true}, {"schema", AiAnswerSchemaOpenAi()}}}}}};
  }
  void Read(const json& body, AiAnswer* out) const override {
    const json usage = body.value("usage", json::object());
    out->usage.input_tokens = TokensAt(usage, "prompt_tokens");
    out->usage.output_tokens = TokensAt(usage, "completion_tokens");
    const json choices = body.value("choices", json::array());
    if (!choices.is_array() || choices.empty() || !choices[0].is_object()) {
      out->failure = "malformed body";
      return;
    }
    const json message = choices[0].value("message", json::object());
    if (message.is_object() && message.value("refusal", json()).is_string()) {
      out->failure = "refusal";
      return;
    }
    const json content = message.is_object() ? message.value("content", json()) : json();
    if (!content.is_string()) {
      out->failure = "malformed body";
      return;
    }
    ReadModelText(content.get<std::string>(), out);
  }
};

class GeminiProvider : public ProviderBase {
 public:
  using ProviderBase::ProviderBase;
  const char* name() const override { return "gemini"; }

 protected:
  std::string Path() const override {
    return "/v1beta/models/" + options_.model + ":generateContent";
  }
  httplib::Headers Headers() const override { return {{"x-goog-api-key", options_.api_key}}; }
  json Body(const AiPost& post) const override {
    json parts = json::array({{{"text", AiInputText(post)}}});
    // The first image, for category and is-it-a-product; a huge one is not worth its tokens.
    if (!post.images.empty() && !post.images[0].bytes.empty() &&
        post.images[0].bytes.size() <= options_.max_image_bytes) {
      parts.push_back({{"inline_data",
                        {{"mime_type", post.images[0].mime_type},
                         {"data", Base64Encode(post.images[0].bytes)}}}});
    }
    return {{"systemInstruction", {{"parts", json::array({{{"text", AiSystemPrompt()}}})}}},
            {"contents", json::array({{{"role", "user"}, {"parts", parts}}})},
            {"generationConfig",
             {{"temperature", 0},
              {"responseMimeType", "application/json"},
              {"responseSchema", AiAnswerSchemaGemini()}}}};
  }
  void Read(const json& body, AiAnswer* out) const override {
    const json usage = body.value("usageMetadata", json::object());
    out->usage.input_tokens = TokensAt(usage, "promptTokenCount");
    out->usage.output_tokens = TokensAt(usage, "candidatesTokenCount");
    const json feedback = body.value("promptFeedback", json::object());
    if (feedback.is_object() && feedback.contains("blockReason")) {
      out->failure = "refusal";
      return;
    }
    const json candidates = body.value("candidates", json::array());
    if (!candidates.is_array() || candidates.empty() || !candidates[0].is_object()) {
      out->failure = "malformed body";
      return;
    }
    const json& c = candidates[0];
    const std::string finish = c.value("finishReason", "");
    if (finish == "SAFETY" || finish == "RECITATION" || finish == "PROHIBITED_CONTENT" ||
        finish == "BLOCKLIST" || finish == "SPII") {
      out->failure = "refusal";
      return;
    }
    std::string text;
    const json content = c.value("content", json::object());
    for (const json& part : content.is_object() ? content.value("parts", json::array()) : json())
      if (part.is_object() && part.value("text", json()).is_string()) text += part["text"];
    ReadModelText(text, out);
  }
};

}  // namespace

std::unique_ptr<AiProvider> MakeOpenAiProvider(AiProviderOptions options) {
  return std::make_unique<OpenAiProvider>(std::move(options));
}

std::unique_ptr<AiProvider> MakeGeminiProvider(AiProviderOptions options) {
  return std::make_unique<GeminiProvider>(std::move(options));
}

std::unique_ptr<AiProvider> MakeConfiguredProvider(const AiConfig& config) {
  if (config.active_provider.empty()) return nullptr;
  const bool openai = config.active_provider == "openai";
  AiProviderOptions o;
  o.base_url = openai ? config.openai_base_url : config.gemini_base_url;
  o.api_key = openai ? config.openai_key : config.gemini_key;
  o.model = openai ? config.openai_model : config.gemini_model;
  o.timeout_seconds = config.timeout_seconds;
  o.max_retries = config.max_retries;
  o.input_usd_per_mtok = config.input_usd_per_mtok >= 0
                             ? config.input_usd_per_mtok
                             : (openai ? kOpenAiInputUsdPerMtok : kGeminiInputUsdPerMtok);
  o.output_usd_per_mtok = config.output_usd_per_mtok >= 0
                              ? config.output_usd_per_mtok
                              : (openai ? kOpenAiOutputUsdPerMtok : kGeminiOutputUsdPerMtok);
  return openai ? MakeOpenAiProvider(std::move(o)) : MakeGeminiProvider(std::move(o));
}

}  // namespace vendly::server
