// Meta's webhook deliveries read: the X-Hub-Signature-256 check, the nesting guard and the
// changes of a delivery (meta/webhook_payload.h).
#include "meta/webhook_payload.h"

#include <algorithm>

#include "crypto/crypto.h"
#include "http/json_body.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

// An id as text: Meta sends ids as strings; a number is accepted as its digits.
std::optional<std::string> IdText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_unsigned()) return std::to_string(value.get<unsigned long long>());
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return std::nullopt;
}

// The subscription field a messaging item belongs to, named by the key that carries its content.
std::string MessagingField(const Json& item) {
  static const std::pair<const char*, const char*> kKinds[] = {{"message", "messages"},
                                                               {"message_edit", "message_edit"},
                                                               {"postback", "messaging_postbacks"},
                                                               {"reaction", "message_reactions"},
                                                               {"read", "messaging_seen"},
                                                               {"referral", "messaging_referral"},
                                                               {"optin", "messaging_optins"}};
  if (item.is_object())
    for (const auto& [key, field] : kKinds)
      if (item.contains(key)) return field;
  return "messaging";
}

std::optional<std::string> MediaId(const Json& value) {
  if (!value.is_object()) return std::nullopt;
  if (auto media = value.find("media"); media != value.end() && media->is_object())
    if (auto id = media->find("id"); id != media->end())
      if (auto text = IdText(*id)) return text;
  if (auto id = value.find("media_id"); id != value.end()) return IdText(*id);
  return std::nullopt;
}

// Where a change sits in its delivery.
struct EntryContext {
  const std::string& object;
  Json id;    // as delivered (null when absent)
  Json time;  // as delivered (null when absent)
  std::optional<std::string> id_text;
};

WebhookChange MakeChange(const EntryContext& entry, const Json& key_field, const std::string& field,
                         const std::string& event_type, const Json& value,
                         const char* raw_value_key) {
  WebhookChange change;
  change.dedupe_key = Sha256Hex(Json::array({entry.id, entry.time, key_field, value}).dump());
  change.event_type = event_type;
  change.field = field;
  change.ig_user_id = entry.id_text.value_or("");
  change.ig_media_id = MediaId(value);
  change.raw = {{"object", entry.object}, {"id", entry.id}, {"time", entry.time}};
  if (std::string(raw_value_key) == "value") change.raw["field"] = field;
  change.raw[raw_value_key] = value;
  return change;
}

// Decides whether a well-formed change is acted on; the first reason found wins.
void Classify(const EntryContext& entry, WebhookChange* change, bool messaging) {
  if (entry.object != "instagram") {
    change->ignore_reason = "object \"" + entry.object + "\" is not handled";
  } else if (!entry.id_text) {
    change->ignore_reason = "the entry has no id";
  } else if (messaging) {
    change->ignore_reason = "messaging is not handled";
  } else if (!IsHandledWebhookField(change->field)) {
    change->ignore_reason = "field \"" + change->field + "\" is not handled";
  }
  change->handled = change->ignore_reason.empty();
}

WebhookChange Malformed(const EntryContext& entry, const Json& delivered, const char* reason) {
  WebhookChange change = MakeChange(entry, nullptr, "", "malformed", delivered, "value");
  change.ignore_reason = reason;
  return change;
}

}  // namespace

bool IsHandledWebhookField(const std::string& field) {
  return field == "comments" || field == "mentions" || field == "media";
}

SignatureCheck CheckHubSignature(std::string_view app_secret, std::string_view raw_body,
                                 std::string_view header) {
  constexpr std::string_view kPrefix = "sha256=";
  if (header.empty()) return SignatureCheck::kMissing;
  if (header.size() != kPrefix.size() + 64 || header.substr(0, kPrefix.size()) != kPrefix)
    return SignatureCheck::kMalformed;
  std::string hex(header.substr(kPrefix.size()));
  for (char& c : hex) {
    if (c >= 'A' && c <= 'F') c = char(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return SignatureCheck::kMalformed;
  }
  return ConstantTimeEquals(hex, HexEncode(HmacSha256(app_secret, raw_body)))
             ? SignatureCheck::kValid
             : SignatureCheck::kMismatch;
}

int JsonNestingDepth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<std::vector<WebhookChange>> ExtractWebhookChanges(const Json& body) {
  if (!body.is_object()) return Status::InvalidRequest("the body must be a JSON object");
  auto object = body.find("object");
  if (object == body.end() || !object->is_string())
    return Status::InvalidRequest("object must be a string");
  auto entries = body.find("entry");
  if (entries == body.end() || !entries->is_array())
    return Status::InvalidRequest("entry must be an array");
  const std::string object_name = object->get<std::string>();

  std::vector<WebhookChange> out;
  for (const Json& entry : *entries) {
    if (!entry.is_object()) {
      out.push_back(Malformed({object_name, nullptr, nullptr, std::nullopt}, entry,
                              "the entry is not an object"));
      continue;
    }
    EntryContext context{object_name, entry.value("id", Json(nullptr)),
                         entry.value("time", Json(nullptr)), std::nullopt};
    context.id_text = IdText(context.id);
    if (auto changes = entry.find("changes"); changes != entry.end()) {
      if (!changes->is_array()) {
        out.push_back(Malformed(context, *changes, "changes is not an array"));
      } else {
        for (const Json& change : *changes) {
          auto field = change.is_object() ? change.find("field") : change.end();
          if (!change.is_object() || field == change.end() || !field->is_string()) {
            out.push_back(Malformed(context, change, "the change has no field"));
            continue;
          }
          const std::string name = field->get<std::string>();
          WebhookChange made =
              MakeChange(context, name, name, name, change.value("value", Json(nullptr)), "value");
          Classify(context, &made, /*messaging=*/false);
          out.push_back(std::move(made));
        }
      }
    }
    if (auto messaging = entry.find("messaging"); messaging != entry.end()) {
      if (!messaging->is_array()) {
        out.push_back(Malformed(context, *messaging, "messaging is not an array"));
      } else {
        for (const Json& item : *messaging) {
          WebhookChange made = MakeChange(context, "messaging", MessagingField(item), "messaging",
                                          item, "messaging");
          Classify(context, &made, /*messaging=*/true);
          out.push_back(std::move(made));
        }
      }
    }
  }
  return out;
}

Result<WebhookDelivery> ReadWebhookDelivery(std::string_view body, std::string_view content_type) {
  if (JsonNestingDepth(body) > kMaxWebhookNesting)
    return Status::InvalidRequest("the body is nested too deeply");
  auto parsed = ParseJsonBody(body, content_type);
  if (!parsed.ok()) return parsed.status();
  auto changes = ExtractWebhookChanges(*parsed);
  if (!changes.ok()) return changes.status();
  return WebhookDelivery{(*parsed)["object"].get<std::string>(), std::move(*changes)};
}

}  // namespace vendly::server
