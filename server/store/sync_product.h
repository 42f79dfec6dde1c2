// A product row as the core's Draft JSON and back: what the poll's three-way merge reads as "ours"
// and writes as its result, and what resolving a sync conflict reads and writes (jobs/poll.cc,
// routes/sync.cc).
#ifndef VENDLY_SERVER_STORE_SYNC_PRODUCT_H_
#define VENDLY_SERVER_STORE_SYNC_PRODUCT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// The SELECT list over product p that ProductAsDraft reads (with p.source_extraction and
// p.in_stock).
extern const char kOursColumns[];

// Row `row` of kOursColumns as the core's Draft JSON.
nlohmann::json ProductAsDraft(const Rows& rows, int row);

// Writes a merged or resolved Draft JSON into the product's columns.
Status WriteProductDraft(Conn& conn, const std::string& store_id, const std::string& product_id,
                         const nlohmann::json& draft);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_SYNC_PRODUCT_H_
