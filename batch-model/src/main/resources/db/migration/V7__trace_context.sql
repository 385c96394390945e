-- A job's trace (W3C traceparent of the request that created it), kept with the job and with each outbox row, so the
-- relay and the planner send the job's Kafka records within it (null: no trace).
ALTER TABLE batch_job ADD COLUMN trace_parent text;
ALTER TABLE outbox ADD COLUMN trace_parent text;
