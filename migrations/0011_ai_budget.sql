-- The second opinion's limits (issue 11): model calls and their cost per scope and window, counted
-- atomically by the store layer (server/store/ai_store.cc) before each request to a model. scope is a
-- store id, or '*' for every store together; a minute window is a rate limit, a day window (UTC) a
-- budget in calls and in money. Old windows are pruned by the jobs.
CREATE TABLE ai_usage (
  scope        text NOT NULL,
  window_kind  text NOT NULL CHECK (window_kind IN ('minute', 'day')),
  window_start timestamptz NOT NULL,
  calls        integer NOT NULL DEFAULT 0 CHECK (calls >= 0),
  cost_usd     double precision NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
  PRIMARY KEY (scope, window_kind, window_start)
);
CREATE INDEX ai_usage_window_idx ON ai_usage (window_start);

-- What the second opinion cost each scan or poll (sync history): requests to the model (retries
-- included), tokens, money, wall time, posts whose answer failed and posts a limit kept from the model.
ALTER TABLE instagram_sync_history
  ADD COLUMN ai_calls         integer NOT NULL DEFAULT 0,
  ADD COLUMN ai_input_tokens  bigint NOT NULL DEFAULT 0,
  ADD COLUMN ai_output_tokens bigint NOT NULL DEFAULT 0,
  ADD COLUMN ai_cost_usd      double precision NOT NULL DEFAULT 0,
  ADD COLUMN ai_latency_ms    bigint NOT NULL DEFAULT 0,
  ADD COLUMN ai_posts         integer NOT NULL DEFAULT 0,
  ADD COLUMN ai_failures      integer NOT NULL DEFAULT 0,
  ADD COLUMN ai_limited       integer NOT NULL DEFAULT 0;
