-- Manifest kinds (CSV, inventory, generated listing) share one resume point.
-- plan_cursor: the planner's opaque checkpoint in the job's manifest (a CSV byte offset, an inventory file and row, a
--   listing chunk and row); it replaces plan_offset, which only a single CSV object could use.
-- generated_manifest: the manifest.json a manifest generator wrote (EnableManifestOutput), as JSON {location, etag}.
ALTER TABLE batch_job ADD COLUMN plan_cursor text NOT NULL DEFAULT '';
ALTER TABLE batch_job DROP COLUMN plan_offset;
ALTER TABLE batch_job ADD COLUMN generated_manifest text;
-- The listing of a generated manifest, taken once while the job is Preparing: page after page of matching keys
-- (gzipped, one URL-encoded key per line). last_key resumes the listing after a crash (ListObjectsV2 StartAfter);
-- expansion reads the chunks in order. Deleted with the job's planning once every batch is published.
CREATE TABLE manifest_listing (
    job_id   uuid    NOT NULL REFERENCES batch_job (job_id) ON DELETE CASCADE,
    seq      integer NOT NULL,
    rows     integer NOT NULL,
    last_key text    NOT NULL,
    keys     bytea   NOT NULL,
    PRIMARY KEY (job_id, seq)
);
