package dev.llmgateway.api.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The admin API's access to {@code provider_configs}. */
@RegisterRowMapper(ProviderDao.StoredProviderMapper.class)
public interface ProviderDao {
    String COLUMNS = "name, type, display_name, base_url, api_key_encrypted, api_key_hint, models, default_model, "
            + "is_enabled, priority, rate_limit_rpm, timeout_ms, max_retries";

    @SqlQuery("SELECT " + COLUMNS + " FROM provider_configs ORDER BY priority, name")
    List<StoredProvider> list();

    @SqlQuery("SELECT " + COLUMNS + " FROM provider_configs WHERE name = :name")
    Optional<StoredProvider> find(String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM provider_configs WHERE name = :name FOR UPDATE")
    Optional<StoredProvider> lock(String name);

    @SqlUpdate("INSERT INTO provider_configs (" + COLUMNS + ") VALUES (:name, :type, :displayName, :baseUrl, "
            + ":apiKeyEncrypted, :apiKeyHint, :models, :defaultModel, :enabled, :priority, :rateLimitRpm, :timeoutMs, "
            + ":maxRetries)")
    void insert(@BindMethods StoredProvider provider);

    @SqlUpdate("UPDATE provider_configs SET type = :type, display_name = :displayName, base_url = :baseUrl, "
            + "api_key_encrypted = :apiKeyEncrypted, api_key_hint = :apiKeyHint, models = :models, "
            + "default_model = :defaultModel, is_enabled = :enabled, priority = :priority, "
            + "rate_limit_rpm = :rateLimitRpm, timeout_ms = :timeoutMs, max_retries = :maxRetries, updated_at = now() "
            + "WHERE name = :name")
    int update(@BindMethods StoredProvider provider);

    @SqlUpdate("DELETE FROM provider_configs WHERE name = :name")
    int delete(String name);

    /**
     * Locks the named provider, replaces it with what {@code change} makes of it and returns the
     * result; empty if there is no such provider. An exception from {@code change} rolls back.
     */
    @Transaction
    default Optional<StoredProvider> change(String name, UnaryOperator<StoredProvider> change) {
        return lock(name).map(current -> {
            StoredProvider next = change.apply(current);
            update(next);
            return next;
        });
    }

    final class StoredProviderMapper implements RowMapper<StoredProvider> {
        @Override
        public StoredProvider map(ResultSet rs, StatementContext ctx) throws SQLException {
            Array models = rs.getArray("models");
            int rpm = rs.getInt("rate_limit_rpm");
            Integer rateLimit = rs.wasNull() ? null : rpm;
            return new StoredProvider(rs.getString("name"), rs.getString("type"), rs.getString("display_name"),
                    rs.getString("base_url"), rs.getString("api_key_encrypted"), rs.getString("api_key_hint"),
                    models == null ? List.of() : Arrays.asList((String[]) models.getArray()),
                    rs.getString("default_model"), rs.getBoolean("is_enabled"), rs.getInt("priority"), rateLimit,
                    rs.getInt("timeout_ms"), rs.getInt("max_retries"));
        }
    }
}
