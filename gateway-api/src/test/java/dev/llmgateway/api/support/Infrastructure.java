package dev.llmgateway.api.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The servers a {@link GatewayHarness} runs on: a broker, a migrated schema (its JDBC URL selects
 * it) with a data source for the test's own statements, and a Redis.
 */
public record Infrastructure(String kafkaBootstrapServers, String jdbcUrl, DataSource dataSource, String redisUri) {

    public Infrastructure withKafka(String bootstrapServers) {
        return new Infrastructure(bootstrapServers, jdbcUrl, dataSource, redisUri);
    }

    public Infrastructure withRedis(String uri) {
        return new Infrastructure(kafkaBootstrapServers, jdbcUrl, dataSource, uri);
    }

    /** Runs one statement with {@code ?} parameters. */
    public void execute(String sql, Object... args) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql, e);
        }
    }
}
