-- Housekeeping (the "retention" job, server/store/retention_store.cc) deletes finished jobs and
-- processed webhook events oldest first, a batch at a time: these indexes let each batch read only
-- the rows past the cutoff instead of scanning the table. Queued and running jobs, and events not
-- yet processed, have no end time and are not in them.
CREATE INDEX job_finished_idx ON job (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX webhook_event_processed_idx ON instagram_webhook_event (processed_at)
  WHERE processed_at IS NOT NULL;
