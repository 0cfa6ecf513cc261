--liquibase formatted sql

--changeset llm-gateway:003-usage-records
CREATE TABLE usage_records (
    request_id    TEXT           PRIMARY KEY,
    ts            TIMESTAMPTZ    NOT NULL,
    user_id       TEXT           NOT NULL,
    service       TEXT           NOT NULL,
    provider      TEXT           NOT NULL,
    model         TEXT           NOT NULL,
    input_tokens  BIGINT         NOT NULL,
    output_tokens BIGINT         NOT NULL,
    cost_usd      NUMERIC(24,12) NOT NULL,
    latency_ms    BIGINT         NOT NULL,
    cached        BOOLEAN        NOT NULL,
    status        TEXT           NOT NULL
);
CREATE INDEX usage_records_ts_idx ON usage_records (ts);
CREATE INDEX usage_records_user_ts_idx ON usage_records (user_id, ts);
--rollback DROP TABLE usage_records;
