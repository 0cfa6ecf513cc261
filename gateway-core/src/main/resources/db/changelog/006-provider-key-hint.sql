--liquibase formatted sql

--changeset llm-gateway:006-provider-key-hint
-- The last four characters of a provider's API key, so the admin API can show which key is set
-- without decrypting it. NULL when no key is set or the key is too short to show any of it.
ALTER TABLE provider_configs ADD COLUMN api_key_hint TEXT NULL;
--rollback ALTER TABLE provider_configs DROP COLUMN api_key_hint;
