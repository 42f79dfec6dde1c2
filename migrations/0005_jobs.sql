-- Recurring jobs (draft expiry, ...): a job with repeat_every enqueues its next run, same kind, store,
-- payload and dedupe key, due repeat_every later, in the transaction that ends it (succeeded or dead).
-- Its dedupe key keeps the chain single however often servers ask for it (EnsureRecurringJob).
-- Claims take queued rows only (job_ready_idx); a separate sweep returns running rows whose lease ran
-- out to the queue (job_lease_idx), so the claim query never scans finished jobs.
ALTER TABLE job ADD COLUMN repeat_every interval CHECK (repeat_every > interval '0');
ALTER TABLE job ADD CONSTRAINT job_recurring_dedupe_ck CHECK (repeat_every IS NULL OR dedupe_key IS NOT NULL);
