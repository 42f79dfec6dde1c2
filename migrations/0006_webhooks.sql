-- A seller's webhook events (GET /api/webhooks/events): listed per connection, newest first.
CREATE INDEX webhook_event_connection_received_idx
  ON instagram_webhook_event (connection_id, received_at DESC);
