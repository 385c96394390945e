-- Web console sessions (job-api-service): one row per signed-in browser. The cookie's value is never stored, only its
-- SHA-256; the CSRF token every state change must carry; idle and absolute expiry.
CREATE TABLE console_session (
    id_hash       text PRIMARY KEY,
    account_id    text        NOT NULL,
    access_key_id text        NOT NULL,
    csrf_token    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX console_session_expiry ON console_session (expires_at);

-- Each job's status changes, as its JobStatusChanged events say them (written in the same transaction as the event):
-- the history the console's job page shows. Rows go with the job.
CREATE TABLE job_status_history (
    id          bigserial PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES batch_job (job_id) ON DELETE CASCADE,
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    reason      text,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_status_history_job ON job_status_history (job_id, id);
