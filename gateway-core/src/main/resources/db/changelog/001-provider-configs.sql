--liquibase formatted sql

--changeset llm-gateway:001-provider-configs
CREATE TABLE provider_configs (
    id                BIGSERIAL PRIMARY KEY,
    name              TEXT        NOT NULL UNIQUE,
    type              TEXT        NOT NULL CHECK (type IN ('anthropic', 'openai', 'custom', 'mock')),
    display_name      TEXT,
    base_url          TEXT,
    api_key_encrypted TEXT,
    models            TEXT[]      NOT NULL DEFAULT '{}',
    default_model     TEXT,
    is_enabled        BOOLEAN     NOT NULL DEFAULT TRUE,
    priority          INT         NOT NULL DEFAULT 100 CHECK (priority >= 0),
    rate_limit_rpm    INT         NULL CHECK (rate_limit_rpm > 0),
    timeout_ms        INT         NOT NULL DEFAULT 60000,
    max_retries       INT         NOT NULL DEFAULT 2,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
--rollback DROP TABLE provider_configs;
