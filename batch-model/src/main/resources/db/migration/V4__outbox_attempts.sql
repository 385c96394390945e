-- An outbox row Kafka keeps refusing (too large, a topic that does not exist) must not block every later event:
-- each row counts its failed attempts and waits before the next; after the last attempt it is set aside (blocked),
-- logged, and the rest flow on. Only events of that row's key lose their order (the blocked one is missing).
ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE outbox ADD COLUMN blocked boolean NOT NULL DEFAULT false;
ALTER TABLE outbox ADD COLUMN last_error text;
CREATE INDEX outbox_pending ON outbox (id) WHERE NOT blocked;
