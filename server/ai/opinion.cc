#include "ai/opinion.h"

#include <vendly/registry.h>

namespace vendly::server {

nlohmann::json SecondOpinionApiJson(const vendly::SecondOpinion& merged,
                                    const std::string& provider, const std::string& model) {
  nlohmann::json fields = nlohmann::json::object();
  for (const vendly::FieldOpinion& o : merged.fields) {
    fields[std::string(vendly::FieldInfoOf(o.field).id_text)] = {
        {"source", vendly::OpinionSourceName(o.source)},
        {"disputed", o.disputed},
        {"engine", o.engine_value},
        {"model", o.dropped ? nlohmann::json() : o.model_value}};
  }
  return {{"provider", provider}, {"model", model}, {"fields", std::move(fields)}};
}

}  // namespace vendly::server
