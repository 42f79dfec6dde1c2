// The fake language models' answers (served by ai_routes.cc as OpenAI- and Gemini-shaped
// endpoints): deterministic, derived from the caption they are sent. An answer is the edge
// server's model-answer shape {"is_product":bool,"items":[{"name":{"value","quote"},
// "price":{"value":number,"quote"},"currency":{...},"compare_at_price":{...}|null,
// "category":string|null,"sizes":{"value":[...],"quote"}|null,"colors":{...}|null}]}, each value
// quoting the caption text it comes from. Shares no code with the server or the core: a model is
// a second reader, so it must not be the engine again.
#ifndef VENDLY_SERVER_SANDBOX_AI_FAKE_H_
#define VENDLY_SERVER_SANDBOX_AI_FAKE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store.h"

namespace vendly::sandbox {

// A plain reader of its own for captions nobody gave an answer for: a line "Name - price" is an
// item (numbering stripped, "(was X)" the old price), else the first marked price on a line that
// is not about delivery is the post's one item; "Sizes:"/"Colours:" lines of a one-item post are
// its sizes and colours. A price needs a mark (Ksh, KES, UGX, TZS, RWF, NGN, USD, $, Sh, /=, /-,
// bob, 2.2k). `store_currency` names the currency of marks that do not say (Sh, /=, k).
nlohmann::json ComputedAnswer(const std::string& caption, const std::string& store_currency);

// The answer a labelled post implies (the dev set's "expected" shape: {"is_product","products":
// [{"name","name_keywords","price","currency","compare_at_price","category","sizes","colors"}]}),
// each value quoting where it stands in the caption; a value whose spelling the caption lacks is
// left out, as a careful model would.
nlohmann::json AnswerFromLabels(const std::string& caption, const nlohmann::json& expected);

// Every price of `answer` wrong on purpose (value * 10 + 100) with its quote kept: a confidently
// wrong reading the quote check cannot catch.
nlohmann::json WithWrongPrices(nlohmann::json answer);

// Every price of `answer` replaced by an example price whose quote is not in the caption (models
// copy example prices from their prompt).
nlohmann::json WithQuoteNotInCaption(nlohmann::json answer);

// Reads a fault description {"type","provider","status","retry_after","delay_ms","count"}. On
// error returns nullopt and sets *error.
std::optional<AiFault> AiFaultFromJson(const nlohmann::json& description, std::string* error);
nlohmann::json AiFaultToJson(const AiFault& fault);
nlohmann::json AiCallToJson(const AiCall& call);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_AI_FAKE_H_
