// The job kinds this server runs: one Register call per kind (or per module's Register function).
// A kind missing here is never claimed by this server's workers.
#include "app.h"
#include "catalog.h"
#include "jobs.h"
#include "media.h"
#include "sync.h"
#include "webhooks.h"

namespace vendly::server {

void RegisterJobHandlers(JobRunner& runner, App& app) {
  (void)app;
  runner.Register("noop", RunNoopJob);
  RegisterScanJobs(runner, app);
  RegisterDraftJobs(runner, app);
  RegisterSyncJobs(runner, app);
  RegisterMediaJobs(runner, app);
  RegisterWebhookJobs(runner, app);
}

}  // namespace vendly::server
