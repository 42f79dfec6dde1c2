// The second opinion as a draft stores it and the draft API shows it (issue 11): which provider and
// model were asked, and per scored field where the merged value came from, whether the two sources
// dispute it and both readings, from the core's merge (vendly/second_opinion.h). Rendering only:
// the merge and every rule about it are the core's.
//
//   {"provider":"openai"|"gemini","model":"...",
//    "fields":{"<field>":{"source":"engine"|"model"|"both","disputed":bool,
//                         "engine":<value|null>,"model":<value|null>}}}
//
// <field> is the registry's field id (name, price, oldPrice, currency, category, sizes, colors);
// values are in the JSON shapes the draft uses for those fields (text, number, list of text). A
// model value whose quote is not in the caption was dropped by the merge and shows as null.
#ifndef VENDLY_SERVER_AI_OPINION_H_
#define VENDLY_SERVER_AI_OPINION_H_

#include <vendly/second_opinion.h>

#include <nlohmann/json.hpp>
#include <string>

namespace vendly::server {

// What a model said about one post, as the jobs hand it to UpsertPostDrafts (routes/catalog.h).
struct PostOpinion {
  std::string provider, model;
  vendly::ModelAnswer answer;
};

nlohmann::json SecondOpinionApiJson(const vendly::SecondOpinion& merged,
                                    const std::string& provider, const std::string& model);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_AI_OPINION_H_
