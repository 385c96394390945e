-- The shared schema of s3batch. Applied by Flyway at start of each service (Flyway's lock makes concurrent starts safe).
-- State is per job and per batch, never per object.

CREATE TABLE batch_job (
    job_id               uuid PRIMARY KEY,
    account_id           text        NOT NULL,
    status               text        NOT NULL,
    priority             integer     NOT NULL,
    spec                 text        NOT NULL,            -- the canonical JobSpec as JSON
    client_request_token text,
    request_hash         text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    status_update_reason text,
    failure_reasons      text        NOT NULL DEFAULT '[]', -- JSON list of JobFailure
    suspended_at         timestamptz,
    active_since         timestamptz,                       -- set while Active, for ElapsedTimeInActiveSeconds
    active_seconds       bigint      NOT NULL DEFAULT 0,
    terminated_at        timestamptz,
    total_tasks          bigint,                            -- known once Preparing has counted the manifest
    tasks_succeeded      bigint      NOT NULL DEFAULT 0,
    tasks_failed         bigint      NOT NULL DEFAULT 0,
    plan_next_seq        bigint      NOT NULL DEFAULT 0,    -- planner checkpoint: next batch to publish
    plan_offset          bigint      NOT NULL DEFAULT 0,    -- planner checkpoint: manifest byte offset of that batch
    planned_batches      bigint,                            -- set when expansion has published every batch
    manifest_etag        text,                              -- the ETag counted at Preparing; expansion reads only that content
    lease_owner          text,                              -- the planner or report instance working on the job
    lease_until          timestamptz,
    UNIQUE (account_id, client_request_token)
);
CREATE INDEX batch_job_status ON batch_job (status, priority DESC, created_at);
CREATE INDEX batch_job_account ON batch_job (account_id, created_at DESC);

-- Events waiting to be published; written in the same transaction as the change they announce.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    topic      text        NOT NULL,
    msg_key    text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per accounted batch: the dedupe key of exactly-once accounting, and where its report lines are staged.
CREATE TABLE batch_ledger (
    job_id       uuid        NOT NULL REFERENCES batch_job (job_id),
    seq          bigint      NOT NULL,
    part_key     text        NOT NULL,
    succeeded    integer     NOT NULL,
    failed       integer     NOT NULL,
    accounted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, seq)
);
