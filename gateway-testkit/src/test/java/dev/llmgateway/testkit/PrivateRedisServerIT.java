package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.embedded.EmbeddedRedisServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class PrivateRedisServerIT {

    @Test
    void canBeStoppedAndRestartedOnTheSamePort() {
        try (EmbeddedRedisServer redis = RedisFixture.privateServer()) {
            int port = redis.port();

            redis.stop();
            assertThatThrownBy(() -> {
                try (Jedis jedis = new Jedis(redis.host(), port)) {
                    jedis.ping();
                }
            }).isInstanceOf(JedisConnectionException.class);

            redis.start();
            try (Jedis jedis = new Jedis(redis.host(), port)) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
    }
}
