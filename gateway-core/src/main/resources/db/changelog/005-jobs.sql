--liquibase formatted sql

--changeset llm-gateway:005-jobs
CREATE TABLE jobs (
    id         TEXT        PRIMARY KEY,
    status     TEXT        NOT NULL,
    request    JSONB       NOT NULL,
    result     JSONB       NULL,
    error      JSONB       NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
--rollback DROP TABLE jobs;
