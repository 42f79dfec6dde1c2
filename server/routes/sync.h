// The routes of server/API.md "Sync": the open sync conflicts, resolving one, and the seller's
// manual refresh (which enqueues a poll, jobs/poll.h).
#ifndef VENDLY_SERVER_ROUTES_SYNC_H_
#define VENDLY_SERVER_ROUTES_SYNC_H_

namespace vendly::server {

struct App;
class Router;

void RegisterSyncRoutes(Router& router, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_ROUTES_SYNC_H_
