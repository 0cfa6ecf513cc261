--liquibase formatted sql

--changeset llm-gateway:004-usage-daily
CREATE TABLE usage_daily (
    date            DATE           NOT NULL,
    user_id         TEXT           NOT NULL,
    service         TEXT           NOT NULL,
    provider        TEXT           NOT NULL,
    model           TEXT           NOT NULL,
    requests        BIGINT         NOT NULL DEFAULT 0,
    cached_requests BIGINT         NOT NULL DEFAULT 0,
    failed_requests BIGINT         NOT NULL DEFAULT 0,
    input_tokens    BIGINT         NOT NULL DEFAULT 0,
    output_tokens   BIGINT         NOT NULL DEFAULT 0,
    cost_usd        NUMERIC(24,12) NOT NULL DEFAULT 0,
    latency_ms_sum  BIGINT         NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (date, user_id, service, provider, model)
);
--rollback DROP TABLE usage_daily;
