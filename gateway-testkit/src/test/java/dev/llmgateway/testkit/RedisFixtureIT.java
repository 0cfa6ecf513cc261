package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFixtureIT {

    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    @Test
    @Order(1)
    void firstTestWritesAKey() {
        try (Jedis jedis = connect(REDIS.database())) {
            jedis.set("rate:claude", "3");
        }
    }

    @Test
    @Order(2)
    void secondTestStartsWithAnEmptyDatabase() {
        try (Jedis jedis = connect(REDIS.database())) {
            assertThat(jedis.dbSize()).isZero();
        }
    }

    @Test
    void flushesOnlyItsOwnDatabase() {
        int otherDatabase = REDIS.database() == 14 ? 13 : 14;
        String key = "llm-gateway-test-" + UUID.randomUUID();
        try (Jedis other = connect(otherDatabase)) {
            other.set(key, "kept");
            try {
                REDIS.flush();

                assertThat(other.get(key)).isEqualTo("kept");
            } finally {
                other.del(key);
            }
        }
    }

    @Test
    void describesItsServerAsAUri() {
        String configured = System.getenv(RedisServerLocation.URL_VARIABLE);
        int expected = configured == null || configured.isBlank()
                ? RedisServerLocation.DEFAULT_DATABASE : RedisServerLocation.fromUri(configured).database();
        assertThat(REDIS.database()).isEqualTo(expected);
        assertThat(REDIS.uri()).isEqualTo("redis://" + REDIS.host() + ":" + REDIS.port() + "/" + expected);
    }

    private static Jedis connect(int database) {
        return new Jedis(new HostAndPort(REDIS.host(), REDIS.port()),
                DefaultJedisClientConfig.builder().database(database).serverDefaultProtocol().build());
    }
}
