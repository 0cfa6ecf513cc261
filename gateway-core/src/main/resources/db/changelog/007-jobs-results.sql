--liquibase formatted sql

--changeset llm-gateway:007-jobs-results
-- The answer of a /generate request that timed out (504) is recorded by upsert from two sides
-- that race: the timeout records the request, the late reply records the result. Either may come
-- first, so the request is optional.
ALTER TABLE jobs ALTER COLUMN request DROP NOT NULL;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check CHECK (status IN ('queued', 'succeeded', 'failed'));
-- Set when the job's answer may fill the response cache once it arrives.
ALTER TABLE jobs ADD COLUMN cache_key TEXT NULL;
-- Retention purges by age.
CREATE INDEX jobs_created_at_idx ON jobs (created_at);
--rollback DROP INDEX jobs_created_at_idx;
--rollback ALTER TABLE jobs DROP COLUMN cache_key;
--rollback ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
--rollback ALTER TABLE jobs ALTER COLUMN request SET NOT NULL;
