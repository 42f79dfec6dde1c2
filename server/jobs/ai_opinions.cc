#include "jobs/ai_opinions.h"

#include <vendly/extract.h>

#include "app/app.h"
#include "app/log.h"
#include "store/ai_store.h"

namespace vendly::server {
namespace {

AiLimits LimitsOf(const AiConfig& c) {
  return {c.calls_per_minute, c.store_calls_per_minute, c.daily_calls, c.store_daily_calls,
          c.daily_usd,        c.store_daily_usd};
}

void Add(AiSpend* spend, const AiUsage& u) {
  spend->calls += u.calls;
  spend->input_tokens += u.input_tokens;
  spend->output_tokens += u.output_tokens;
  spend->cost_usd += u.cost_usd;
  spend->latency_ms += u.latency_ms;
}

}  // namespace

OpinionAsker::OpinionAsker(App& app) : app_(app) {
  const AiConfig& ai = app.config.ai;
  mode_ = vendly::ParseAiMode(ai.mode).value_or(vendly::AiMode::kOff);
  if (mode_ == vendly::AiMode::kOff) return;
  provider_ = MakeConfiguredProvider(ai);
  model_ = ai.active_provider == "openai" ? ai.openai_model : ai.gemini_model;
  if (provider_) (void)PruneAiUsage(app.db);
}

bool OpinionAsker::Ask(const StoreSettings& store, const std::vector<const MediaItem*>& posts,
                       const std::function<bool()>& keep_going, const std::string& sync_history_id,
                       std::map<std::string, PostOpinion>* out) {
  if (!enabled() || !store.ai_second_opinion) return true;
  const AiLimits limits = LimitsOf(app_.config.ai);
  AiSpend spend;
  bool going = true;
  for (const MediaItem* post : posts) {
    const vendly::Post input = PostOf(*post, store.currency);
    if (!vendly::ShouldAskModel(mode_, vendly::Extract(input), store.auto_approve_threshold))
      continue;
    if (!(going = keep_going())) break;
    std::string limit;  // set when a limit kept the request from going
    AiPost ask{input.caption, store.currency, {}, [&]() -> std::string {
                 auto refused = ReserveAiCall(app_.db, store.id, limits);
                 limit =
                     refused.ok() ? *refused : "limits unreadable: " + refused.status().message();
                 return limit;
               }};
    AiAnswer answer = provider_->Ask(ask);
    Add(&spend, answer.usage);
    (void)RecordAiCost(app_.db, store.id, answer.usage.cost_usd);
    if (answer.ok) {
      ++spend.posts;
      (*out)[post->id] = PostOpinion{provider_->name(), model_, std::move(answer.answer)};
      continue;
    }
    ++(limit.empty() ? spend.failures : spend.limited);
    LogWarn(limit.empty() ? "ai_opinion_failed" : "ai_opinion_limited",
            {{"storeId", store.id}, {"igMediaId", post->id}, {"reason", answer.failure}});
  }
  if (spend.calls > 0 || spend.limited > 0 || spend.failures > 0) {
    Status added = AddAiSpend(app_.db, sync_history_id, spend);
    if (!added.ok()) LogWarn("ai_spend_not_recorded", {{"error", added.message()}});
  }
  return going;
}

}  // namespace vendly::server
