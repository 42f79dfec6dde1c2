// AI providers: a language model asked for its reading of one post, the second opinion the core
// weighs against the engine's (vendly/second_opinion.h). One interface, two providers over
// HTTP(S) with cpp-httplib and OpenSSL: OpenAI-compatible chat completions with a JSON-schema
// structured output (any compatible server: OpenAI, a gateway, llama.cpp, vLLM) and Gemini
// generateContent with the post's first image inline. A provider never decides anything: it
// returns the model's answer (ModelAnswer) or why there is none, and what the call cost.
//
// Failures: a timeout, a refusal, a body or answer that is not the JSON asked for, a key the
// service refuses, or 429/5xx still failing after max_retries retries (backoff doubling from
// backoff_base, honouring Retry-After up to max_retry_after) all give ok == false with the reason;
// the caller keeps the engine's result. The key is sent only in its header and never appears in
// a failure or a log line.
#ifndef VENDLY_SERVER_AI_PROVIDER_H_
#define VENDLY_SERVER_AI_PROVIDER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vendly/second_opinion.h"

namespace vendly::server {

struct AiConfig;  // app/config.h

struct AiImage {
  std::string mime_type;  // image/png, image/jpeg, ...
  std::string bytes;
};

// What a provider is sent: the caption, the store's currency and the post's images (the Gemini
// provider sends the first one inline; the OpenAI-compatible one sends text only).
struct AiPost {
  std::string caption;
  std::string store_currency;
  std::vector<AiImage> images;
  // Asked before every HTTP request (retries too): "" lets it go, anything else is why not (a rate
  // limit or budget spent), which ends Ask with that failure. Unset: every request may go.
  std::function<std::string()> before_call;
};

// What calls to a provider used. Summed per scan into sync history.
struct AiUsage {
  int calls = 0;  // HTTP requests made, retries included
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  double cost_usd = 0;
  int64_t latency_ms = 0;  // wall time of Ask, waits between retries included
  AiUsage& operator+=(const AiUsage& other);
};

struct AiAnswer {
  bool ok = false;
  std::string failure;  // why there is no answer: "timeout", "refusal", "http 429", ...
  ModelAnswer answer;
  AiUsage usage;
};

struct AiProviderOptions {
  std::string base_url;  // OpenAI: .../v1; Gemini: the origin (…/v1beta/models/… is added)
  std::string api_key;
  std::string model;
  int timeout_seconds = 20;
  int max_retries = 3;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds max_retry_after{30000};  // a longer Retry-After is not waited for
  double input_usd_per_mtok = 0;                     // price per million input tokens
  double output_usd_per_mtok = 0;
  std::size_t max_image_bytes = 4 << 20;  // a larger first image is not sent
  // How to wait between retries; tests may record instead of sleeping.
  std::function<void(std::chrono::milliseconds)> sleep;
};

class AiProvider {
 public:
  virtual ~AiProvider() = default;
  virtual const char* name() const = 0;  // "openai", "gemini"
  // Not thread-safe: one provider per worker thread (an httplib::Client serialises requests).
  virtual AiAnswer Ask(const AiPost& post) = 0;
};

std::unique_ptr<AiProvider> MakeOpenAiProvider(AiProviderOptions options);
std::unique_ptr<AiProvider> MakeGeminiProvider(AiProviderOptions options);

// List prices (USD per million tokens) of the default models, used when the configuration names
// none: gpt-4.1-nano 0.10 in / 0.40 out, gemini-2.0-flash-lite 0.075 / 0.30.
inline constexpr double kOpenAiInputUsdPerMtok = 0.10, kOpenAiOutputUsdPerMtok = 0.40;
inline constexpr double kGeminiInputUsdPerMtok = 0.075, kGeminiOutputUsdPerMtok = 0.30;

// The provider the configuration chooses (AiConfig::active_provider), or nullptr when none is.
std::unique_ptr<AiProvider> MakeConfiguredProvider(const AiConfig& config);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_AI_PROVIDER_H_
