// Fuzzes every JSON request body the API reads, through the functions the routes call
// (routes/bodies.h, http/json_body.h) and the core's draft edits that PATCH /api/drafts/:id and the
// approve route apply (vendly::ApplyEdits, MergeSellerEdits). The input is the body, then after
// 0xFF bytes a Content-Type and a stored set of edits. Invariants: a body is refused with a 4xx
// Status, never an exception; what a reader accepts is within the limits it promises (lengths,
// a known currency, a threshold in [0, 1], a scan limit of 1 to 10000 and a since that parses,
// 1 to 200 distinct draft ids).
#include <vendly/approval.h>
#include <vendly/draft.h>
#include <vendly/money.h>
#include <vendly/normalize.h>
#include <vendly/registry.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_support.h"
#include "http/json_body.h"
#include "routes/bodies.h"

namespace {

using vendly::fuzz::Check;
using namespace vendly::server;

template <typename T>
void CheckRefusal(const Result<T>& r) {
  if (r.ok()) return;
  Check(r.status().kind() == vendly::StatusKind::kInvalidArgument ||
        r.status().kind() == vendly::StatusKind::kUnsupported);
  Check(!r.status().message().empty());
}

bool Within(const std::string& s, std::size_t lo, std::size_t hi) {
  const std::size_t n = vendly::Utf8Length(s);
  return n >= lo && n <= hi;
}

void ReadObjectBodies(const nlohmann::json& body) {
  auto signup = ReadSignupBody(body);
  CheckRefusal(signup);
  if (signup.ok()) {
    Check(Within(signup->email, vendly::kMinEmailLength, vendly::kMaxEmailLength));
    Check(Within(signup->password, vendly::kMinPasswordLength, vendly::kMaxPasswordLength));
    Check(Within(signup->store_name, 1, vendly::kMaxStoreNameLength));
    Check(vendly::IsKnownCurrency(signup->currency));
  }
  auto login = ReadLoginBody(body);
  CheckRefusal(login);
  auto patch = ReadStorePatchBody(body);
  CheckRefusal(patch);
  if (patch.ok() && patch->auto_approve_threshold)
    Check(*patch->auto_approve_threshold >= 0 && *patch->auto_approve_threshold <= 1);
  if (patch.ok() && patch->currency) Check(vendly::IsKnownCurrency(*patch->currency));
  auto ids = ReadBatchApproveBody(body);
  CheckRefusal(ids);
  if (ids.ok()) {
    Check(!ids->empty() && ids->size() <= static_cast<std::size_t>(kMaxBatchApprove));
    for (std::size_t i = 0; i < ids->size(); ++i)
      Check(std::find(ids->begin() + i + 1, ids->end(), (*ids)[i]) == ids->end());
  }
  auto choice = ReadConflictChoiceBody(body);
  CheckRefusal(choice);
}

void ApplyDraftEdits(const nlohmann::json& body, const std::string& stored_text) {
  vendly::Draft draft;
  draft.name = "Sneakers";
  draft.price = 2500;
  draft.currency = "KES";
  draft.sizes = {"42"};
  const vendly::DraftResult edited = vendly::ApplyEdits(draft, body);
  for (const auto& e : edited.errors) Check(!e.code.empty() && !e.message.empty());
  const nlohmann::json stored =
      nlohmann::json::parse(stored_text, nullptr, /*allow_exceptions=*/false);
  const nlohmann::json merged = vendly::MergeSellerEdits(stored, body);
  Check(merged.is_object());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> p =
      vendly::fuzz::Parts(std::string_view(reinterpret_cast<const char*>(data), size), 3);
  const std::string& text = p[0];
  const std::string content_type = p[1].empty() ? "application/json" : p[1];

  auto scan = ReadScanBody(text, content_type);
  CheckRefusal(scan);
  if (scan.ok()) {
    Check(scan->limit >= 1 && scan->limit <= kMaxScanLimit);
    Check(!scan->since || ParseTimestamp(*scan->since).has_value());
  }
  auto reason = ReadRejectBody(text, content_type);
  CheckRefusal(reason);
  if (reason.ok() && *reason) Check(!(*reason)->empty() && Within(**reason, 1, 500));

  auto body = ParseJsonBody(text, content_type);
  CheckRefusal(body);
  if (!body.ok()) return 0;
  Check(body->is_object());
  ReadObjectBodies(*body);
  ApplyDraftEdits(*body, p[2]);
  return 0;
}
