package dev.llmgateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class EmbeddedRedisServerIT {

    @TempDir
    Path dataDirectory;

    @Test
    void servesCommandsOnAFreeLoopbackPort() {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(0); Jedis jedis = connect(redis)) {
            jedis.set("greeting", "hello");

            assertThat(redis.host()).isEqualTo("127.0.0.1");
            assertThat(jedis.get("greeting")).isEqualTo("hello");
        }
    }

    @Test
    void refusesConnectionsWhileStoppedAndServesAgainOnTheSamePortAfterStart() {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(0)) {
            int port = redis.port();

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(redis).ping()).isInstanceOf(JedisConnectionException.class);

            redis.start();
            try (Jedis jedis = connect(redis)) {
                assertThat(redis.port()).isEqualTo(port);
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void keepsNothingAcrossARestartWithoutADataDirectory() {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(0)) {
            try (Jedis jedis = connect(redis)) {
                jedis.set("k", "v");
            }
            redis.stop();
            redis.start();
            try (Jedis jedis = connect(redis)) {
                assertThat(jedis.exists("k")).isFalse();
            }
        }
    }

    @Test
    void keepsDataAcrossARestartWithADataDirectory() {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(0, dataDirectory)) {
            try (Jedis jedis = connect(redis)) {
                jedis.set("k", "kept");
            }
            redis.stop();
            redis.start();
            try (Jedis jedis = connect(redis)) {
                assertThat(jedis.get("k")).isEqualTo("kept");
            }
        }
    }

    private static Jedis connect(EmbeddedRedisServer redis) {
        return new Jedis(redis.host(), redis.port());
    }
}
