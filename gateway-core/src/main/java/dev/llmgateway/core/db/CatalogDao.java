package dev.llmgateway.core.db;

import dev.llmgateway.core.provider.CustomerOverride;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.provider.ProviderType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads the routing configuration: every provider and every customer override. */
public interface CatalogDao {

    @SqlQuery("SELECT name, type, display_name, base_url, api_key_encrypted, models, default_model, is_enabled, "
            + "priority, rate_limit_rpm, timeout_ms, max_retries FROM provider_configs ORDER BY priority, name")
    @RegisterRowMapper(ProviderConfigMapper.class)
    List<ProviderConfig> providers();

    @SqlQuery("SELECT id, user_id, service_name, provider_name, model_name FROM customer_overrides ORDER BY id")
    @RegisterRowMapper(CustomerOverrideMapper.class)
    List<CustomerOverride> overrides();

    final class ProviderConfigMapper implements RowMapper<ProviderConfig> {
        @Override
        public ProviderConfig map(ResultSet rs, StatementContext ctx) throws SQLException {
            Array models = rs.getArray("models");
            int rpm = rs.getInt("rate_limit_rpm");
            Integer rateLimit = rs.wasNull() ? null : rpm;
            return new ProviderConfig(rs.getString("name"), ProviderType.fromWire(rs.getString("type")),
                    rs.getString("display_name"), rs.getString("base_url"), rs.getString("api_key_encrypted"),
                    models == null ? List.of() : Arrays.asList((String[]) models.getArray()),
                    rs.getString("default_model"), rs.getBoolean("is_enabled"), rs.getInt("priority"), rateLimit,
                    rs.getInt("timeout_ms"), rs.getInt("max_retries"));
        }
    }

    final class CustomerOverrideMapper implements RowMapper<CustomerOverride> {
        @Override
        public CustomerOverride map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new CustomerOverride(rs.getLong("id"), rs.getString("user_id"), rs.getString("service_name"),
                    rs.getString("provider_name"), rs.getString("model_name"));
        }
    }
}
