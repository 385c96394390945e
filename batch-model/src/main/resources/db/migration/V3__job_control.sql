-- Job control that acts on the work (pause, cancel, thresholds, progress events).
-- batches_accounted: how many distinct batches the report service has counted; with plan_next_seq it bounds the
--   batches of a job that are published but not yet run (the planner's window), and tells when a Pausing job has drained.
-- report_sealed: set by the finalizer before it writes the report of a job that is winding down; from then on no batch
--   is accounted, so the report holds exactly the counted tasks and the counters never change again.
-- progress_published_at: when the report service last published a JobProgress event for the job.
ALTER TABLE batch_job ADD COLUMN batches_accounted bigint NOT NULL DEFAULT 0;
ALTER TABLE batch_job ADD COLUMN report_sealed boolean NOT NULL DEFAULT false;
ALTER TABLE batch_job ADD COLUMN progress_published_at timestamptz;
-- plan_wake_at: the planner stopped at its window of unexecuted batches; when batches_accounted reaches this number,
--   the report service wakes the planners (NOTIFY s3batch_jobs) to publish the next part of the manifest.
ALTER TABLE batch_job ADD COLUMN plan_wake_at bigint;
