-- Signatures seen by job-api-service, so that one cannot be replayed as another request (an OSS V1 signature does
-- not cover the query: a cancel cannot be made of a CreateJob signature) nor, for a request that
-- changes state, used twice. Kept until the signature would be refused as too old anyway.
CREATE TABLE request_signatures (
    signature   text        PRIMARY KEY,  -- SHA-256 of the Authorization header
    fingerprint text        NOT NULL,     -- SHA-256 of method, path and sorted query
    consumed    boolean     NOT NULL,     -- a state change was made with it
    expires_at  timestamptz NOT NULL
);
CREATE INDEX request_signatures_expiry ON request_signatures (expires_at);
