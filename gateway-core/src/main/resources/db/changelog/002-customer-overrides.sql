--liquibase formatted sql

--changeset llm-gateway:002-customer-overrides
CREATE TABLE customer_overrides (
    id            BIGSERIAL PRIMARY KEY,
    user_id       TEXT        NOT NULL,
    service_name  TEXT        NULL,
    provider_name TEXT        NOT NULL REFERENCES provider_configs (name) ON UPDATE CASCADE ON DELETE RESTRICT,
    model_name    TEXT        NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- A NULL service_name means "any service" and must be unique per user like any other value.
CREATE UNIQUE INDEX customer_overrides_user_service_key
    ON customer_overrides (user_id, COALESCE(service_name, ''));
--rollback DROP TABLE customer_overrides;
