// What the providers send a model: our labelling rules (tests/fixtures/LABELING.md, summarised) as
// the system prompt, the post as a JSON object, and the answer's JSON schema in each provider's
// dialect. The answer is second_opinion.h's ModelAnswer shape: every value with the caption text it
// comes from, so a value the model did not read in the caption can be dropped.
#ifndef VENDLY_SERVER_AI_PROMPT_H_
#define VENDLY_SERVER_AI_PROMPT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "ai/provider.h"

namespace vendly::server {

// The system prompt. It starts with "Labelling rules" (the sandbox's fake checks for it).
const std::string& AiSystemPrompt();

// The user text: {"caption":"...","store_currency":"KES"}.
std::string AiInputText(const AiPost& post);

// The answer's schema for OpenAI's response_format json_schema (strict: every key required,
// nullable values typed [T, "null"], no additional properties).
nlohmann::json AiAnswerSchemaOpenAi();

// The same for Gemini's generationConfig.responseSchema (OpenAPI subset: upper-case types,
// "nullable").
nlohmann::json AiAnswerSchemaGemini();

}  // namespace vendly::server

#endif  // VENDLY_SERVER_AI_PROMPT_H_
