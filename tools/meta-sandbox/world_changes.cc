#include "world_changes.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "generator.h"

namespace vendly::sandbox {

using nlohmann::json;

int64_t SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

namespace {

// One of the account's `window` newest posts, chosen by the world's change counter.
std::string PickRecentLocked(Store& store, const std::string& account_id, size_t window) {
  auto account = store.world.accounts.find(account_id);
  if (account == store.world.accounts.end() || account->second.feed.empty()) return "";
  const auto& feed = account->second.feed;
  const size_t span = std::min(window, feed.size());
  return feed[static_cast<size_t>(store.world.change_counter++ % span)];
}

}  // namespace

std::string PublishGeneratedLocked(Store& store, const std::string& account_id) {
  auto account = store.world.accounts.find(account_id);
  if (account == store.world.accounts.end()) return "";
  Media media;
  media.id = store.NewMediaIdLocked();
  media.owner = account_id;
  media.timestamp = store.NowLocked();
  media.shortcode = ShortcodeFor(media.id);
  const uint64_t n = store.world.change_counter++;
  media.caption = GenerateCaption(n * 7919 + std::hash<std::string>{}(media.id));
  if (n % 4 == 3) {
    media.media_type = "CAROUSEL_ALBUM";
    media.media_product_type = "FEED";
    for (int i = 0; i < 3; ++i) {
      std::string child = store.NewMediaIdLocked();
      store.world.child_parent[child] = media.id;
      media.children.push_back(Child{child, "IMAGE"});
    }
  } else {
    media.media_type = "IMAGE";
    media.media_product_type = "FEED";
  }
  std::string id = media.id;
  store.AddMediaLocked(std::move(media));
  store.SortFeedLocked(account->second);
  return id;
}

std::string EditSomeCaptionLocked(Store& store, const std::string& account_id) {
  const std::string id = PickRecentLocked(store, account_id, 10);
  if (id.empty()) return id;
  Media& media = store.world.media.at(id);
  static const char* const kEdits[] = {
      "\n\nUPDATE: SOLD OUT 🙏🏾 restocking soon", "\n\nPrice drop! 10% off this week only 🔥",
      "\n\nUpdate: sizes M and L remaining", "\n\nImeisha! Asanteni wateja 🙏🏾"};
  media.caption = media.caption.value_or("") + kEdits[store.world.change_counter % 4];
  return id;
}

std::string DeleteSomePostLocked(Store& store, const std::string& account_id) {
  const std::string id = PickRecentLocked(store, account_id, 10);
  if (!id.empty()) store.RemoveMediaLocked(id);
  return id;
}

std::optional<PendingDelivery> CommentLocked(Store& store, const std::string& media_id,
                                             const std::string& text, json* event_out) {
  World& world = store.world;
  auto media = world.media.find(media_id);
  if (media == world.media.end()) return std::nullopt;
  ++media->second.comments_count;
  WebhookEvent event;
  event.kind = "comments";
  event.account_id = media->second.owner;
  event.media_id = media_id;
  event.text = text;
  event.time = store.NowLocked();
  const json payload =
      WebhookPayload(event, "1790" + std::to_string(1000000000ULL + world.change_counter++));
  if (event_out != nullptr) *event_out = payload;
  bool subscribed = false;
  for (const auto& [page_id, page] : world.pages) {
    if (page.ig_id == event.account_id && page.subscribed) subscribed = true;
  }
  std::string error;
  auto url = ParseLoopbackUrl(world.webhook_url, &error);
  if (!subscribed || world.webhook_url.empty() || !url) return std::nullopt;
  const std::string body = payload.dump();
  return PendingDelivery{*url, body, SignatureHeader(world.app_secret, body)};
}

void Scheduler::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(wake_mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Loop() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(wake_mu_);
      if (wake_.wait_for(lock, std::chrono::milliseconds(20), [this] { return stopping_; })) return;
    }
    std::vector<PendingDelivery> deliveries;
    {
      std::lock_guard<std::mutex> lock(store_.mu);
      const int64_t now = SteadyMillis();
      auto& schedules = store_.world.schedules;
      for (Schedule& schedule : schedules) {
        if (schedule.remaining == 0 || now < schedule.next_due_ms) continue;
        schedule.next_due_ms = now + schedule.every_ms;
        if (schedule.remaining > 0) --schedule.remaining;
        ++schedule.runs;
        if (schedule.action == "publish") {
          PublishGeneratedLocked(store_, schedule.account);
        } else if (schedule.action == "edit") {
          EditSomeCaptionLocked(store_, schedule.account);
        } else if (schedule.action == "delete") {
          DeleteSomePostLocked(store_, schedule.account);
        } else if (schedule.action == "comment") {
          const std::string media_id = PickRecentLocked(store_, schedule.account, 5);
          if (auto pending =
                  CommentLocked(store_, media_id, "Bei gani? Iko delivery Mombasa?", nullptr)) {
            deliveries.push_back(*pending);
          }
        }
      }
      schedules.erase(std::remove_if(schedules.begin(), schedules.end(),
                                     [](const Schedule& s) { return s.remaining == 0; }),
                      schedules.end());
    }
    for (const auto& delivery : deliveries) {
      DeliveryResult result = Deliver(delivery.url, delivery.body, delivery.signature, 5000);
      std::cerr << json{{"event", "scheduled_webhook"},
                        {"delivered", result.delivered},
                        {"status", result.status}}
                       .dump()
                << "\n";
    }
  }
}

}  // namespace vendly::sandbox
