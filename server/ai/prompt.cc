#include "ai/prompt.h"

#include "vendly/extract.h"

namespace vendly::server {
namespace {

using nlohmann::json;

std::string CategoryList() {
  std::string out;
  for (const char* c : kCategories) out += std::string(out.empty() ? "" : ", ") + "\"" + c + "\"";
  return out;
}

// {"value": T, "quote": string} or null, for a value of `value_schema`.
json QuotedOpenAi(const json& value_schema) {
  return {{"type", json::array({"object", "null"})},
          {"properties", {{"value", value_schema}, {"quote", {{"type", "string"}}}}},
          {"required", json::array({"value", "quote"})},
          {"additionalProperties", false}};
}

json QuotedGemini(const json& value_schema) {
  return {{"type", "OBJECT"},
          {"nullable", true},
          {"properties", {{"value", value_schema}, {"quote", {{"type", "STRING"}}}}},
          {"required", json::array({"value", "quote"})}};
}

json ItemKeys() {
  return json::array(
      {"name", "price", "currency", "compare_at_price", "category", "sizes", "colors"});
}

}  // namespace

const std::string& AiSystemPrompt() {
  static const std::string prompt =
      "Labelling rules for Instagram shop captions (East Africa and Nigeria; English, Swahili, "
      "Sheng).\n"
      "You read one caption and list the items it offers for sale. You are a second reader: give "
      "a value only when the caption states it, and for every value copy in \"quote\" the exact "
      "caption text it comes from (a few words, character for character). Never invent or copy "
      "example values; a value whose quote is not in the caption is thrown away.\n"
      "- is_product: true when the post offers at least one item for sale; false for greetings, "
      "announcements, giveaways, memes, 'we are closed', testimonials.\n"
      "- items: one per distinct item offered (\"1. Red dress 1500 / 2. Black dress 1800\" is "
      "two). Sizes or colours of the same item are one item. List items in caption order.\n"
      "- name: a short catalog title (2 to 6 words, Title Case, no emojis, no price).\n"
      "- price: the selling price of one unit as a number; the lowest when options or a range "
      "are priced ('1500-2500' is 1500); the NEW price when an old one is shown ('was 3000 now "
      "2500' is 2500); null when none is given ('DM for price'). Shorthands: '2.5k' = 2500, '2k' "
      "= 2000, '1.2M' = 1200000, 'elfu mbili' = 2000, 'elfu moja na mia tano' = 1500, "
      "'1,500/=' and '1500/-' = 1500, '1.500' in a European-style caption = 1500.\n"
      "- NEVER a price: phone numbers, M-Pesa till or paybill numbers, delivery fees, deposits, "
      "sizes, storage or RAM (128GB), model numbers, years, dates, times, quantities, "
      "percentages, measurements, follower counts.\n"
      "- currency: ISO code. Marks: Ksh, Kshs, KES, Sh (in a KES store), bob = KES; UGX, USh, "
      "Shs (in a UGX store); TSh, TZS; RWF, Frw; NGN, the naira sign, N before digits in an NGN "
      "store; $ USD; EUR; GBP. Without a mark the price is in store_currency.\n"
      "- compare_at_price: the old price when shown ('was', 'before', '~~3000~~', 'from 3000 to "
      "2500'), else null.\n"
      "- category: exactly one of " +
      CategoryList() +
      " (no quote needed; the photo may tell). Shoes, bags, jewellery go to Fashion & Apparel; "
      "wigs, cosmetics, perfume, skincare to Beauty & Personal Care.\n"
      "- sizes: letter sizes upper-case, numeric sizes as strings, ranges expanded ('38-41' is "
      "38, 39, 40, 41), 'free size' is 'One Size'; capacities (500ml) are not sizes.\n"
      "- colors: lower-case English; Swahili translated (nyekundu red, nyeusi black, nyeupe "
      "white, bluu blue, kijani green, njano yellow, kahawia brown, pinki pink); emoji are not "
      "colours.\n"
      "Answer with the JSON object of the schema only.";
  return prompt;
}

std::string AiInputText(const AiPost& post) {
  return json{{"caption", post.caption}, {"store_currency", post.store_currency}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

json AiAnswerSchemaOpenAi() {
  const json text = {{"type", "string"}}, number = {{"type", "number"}};
  const json list = {{"type", "array"}, {"items", {{"type", "string"}}}};
  json item = {{"type", "object"},
               {"properties",
                {{"name", QuotedOpenAi(text)},
                 {"price", QuotedOpenAi(number)},
                 {"currency", QuotedOpenAi(text)},
                 {"compare_at_price", QuotedOpenAi(number)},
                 {"category", {{"type", json::array({"string", "null"})}}},
                 {"sizes", QuotedOpenAi(list)},
                 {"colors", QuotedOpenAi(list)}}},
               {"required", ItemKeys()},
               {"additionalProperties", false}};
  return {
      {"type", "object"},
      {"properties",
       {{"is_product", {{"type", "boolean"}}}, {"items", {{"type", "array"}, {"items", item}}}}},
      {"required", json::array({"is_product", "items"})},
      {"additionalProperties", false}};
}

json AiAnswerSchemaGemini() {
  const json text = {{"type", "STRING"}}, number = {{"type", "NUMBER"}};
  const json list = {{"type", "ARRAY"}, {"items", {{"type", "STRING"}}}};
  json item = {{"type", "OBJECT"},
               {"properties",
                {{"name", QuotedGemini(text)},
                 {"price", QuotedGemini(number)},
                 {"currency", QuotedGemini(text)},
                 {"compare_at_price", QuotedGemini(number)},
                 {"category", {{"type", "STRING"}, {"nullable", true}}},
                 {"sizes", QuotedGemini(list)},
                 {"colors", QuotedGemini(list)}}},
               {"required", ItemKeys()}};
  return {
      {"type", "OBJECT"},
      {"properties",
       {{"is_product", {{"type", "BOOLEAN"}}}, {"items", {{"type", "ARRAY"}, {"items", item}}}}},
      {"required", json::array({"is_product", "items"})}};
}

}  // namespace vendly::server
