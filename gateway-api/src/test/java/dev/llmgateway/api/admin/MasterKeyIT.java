package dev.llmgateway.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayCli;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.FakeProvider;
import dev.llmgateway.worker.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The master key: required to start, and rotated by {@code rotate-master-key} without losing a provider. */
class MasterKeyIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static final String OLD = GatewayHarness.MASTER_KEY;
    private static final String SECOND_KEY = "sk-second-fake-key-5678";

    private static GatewayHarness gateway;
    private static FakeProvider secondFake;

    @TempDir
    Path dir;

    private final String newKey = SecretBox.generateMasterKey();
    private boolean workerOnNewKey;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
        secondFake = FakeProvider.start(SECOND_KEY);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        if (secondFake != null) {
            secondFake.close();
        }
    }

    @BeforeEach
    void threeProviders() {
        gateway.fake().reset();
        gateway.clearLocalCaches();
        secondFake.reset();
        create(Map.of("name", "claude", "type", "anthropic", "base_url", gateway.fake().baseUrl(),
                "api_key", GatewayHarness.PROVIDER_KEY, "models", List.of("claude-sonnet-4-5-20250929")));
        create(Map.of("name", "openai", "type", "openai", "base_url", secondFake.openAiBaseUrl(),
                "api_key", SECOND_KEY, "models", List.of("gpt-4o")));
        create(Map.of("name", "mock", "type", "mock", "models", List.of("mock-1")));
        gateway.refreshCatalogs();
    }

    @AfterEach
    void workerBackOnTheOldKey() throws Exception {
        if (workerOnNewKey) {
            restartWorkerWith(OLD);
        }
    }

    @Test
    void refusesToStartWithoutAMasterKey() {
        assertThatThrownBy(() -> gateway.startApi("no-master-key", ""))
                .rootCause().hasMessageContaining("GATEWAY_MASTER_KEY").hasMessageContaining("missing");
    }

    @Test
    void refusesToStartWithAMasterKeyThatIsNotBase64OfThirtyTwoBytes() {
        assertThatThrownBy(() -> gateway.startApi("short-master-key", "c2hvcnQ="))
                .rootCause().hasMessageContaining("GATEWAY_MASTER_KEY").hasMessageContaining("32 bytes, got 5");
        assertThatThrownBy(() -> gateway.startApi("garbled-master-key", "not base64 at all!"))
                .rootCause().hasMessageContaining("not valid base64");
    }

    @Test
    void rotationKeepsEveryProviderCallable() throws Exception {
        assertCallable();
        String hintsBefore = gateway.admin().get("/api/v1/providers").body();

        GatewayCli.Result result = rotate(newKey);

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(result.out()).contains("Re-encrypted 2 provider API key(s)");
        SecretBox oldBox = SecretBox.fromBase64(OLD);
        SecretBox newBox = SecretBox.fromBase64(newKey);
        assertThat(newBox.decrypt(sealed("claude"))).isEqualTo(GatewayHarness.PROVIDER_KEY);
        assertThat(newBox.decrypt(sealed("openai"))).isEqualTo(SECOND_KEY);
        assertThatThrownBy(() -> oldBox.decrypt(sealed("claude"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(gateway.admin().get("/api/v1/providers").body()).isEqualTo(hintsBefore);

        restartWorkerWith(newKey);
        gateway.fake().reset();
        secondFake.reset();
        assertCallable();
    }

    @Test
    void rotationChangesNothingWhenAKeyOpensWithNeitherMasterKey() {
        String stranger = SecretBox.fromBase64(SecretBox.generateMasterKey()).encrypt("sk-sealed-elsewhere-0000");
        POSTGRES.execute("INSERT INTO provider_configs (name, type, api_key_encrypted, models) "
                + "VALUES ('stray', 'openai', ?, '{gpt-4o}')", stranger);
        String claudeBefore = sealed("claude");

        GatewayCli.Result result = rotate(newKey);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failure().orElseThrow()).hasMessageContaining("stray").hasMessageContaining("nothing was changed");
        assertThat(sealed("claude")).isEqualTo(claudeBefore);
        assertThat(sealed("stray")).isEqualTo(stranger);
    }

    @Test
    void rotatingAgainSkipsKeysAlreadyUnderTheNewMasterKey() {
        assertThat(rotate(newKey).succeeded()).isTrue();
        String claudeAfterFirst = sealed("claude");

        GatewayCli.Result again = rotate(newKey);

        assertThat(again.succeeded()).as(again.toString()).isTrue();
        assertThat(again.out()).contains("Re-encrypted 0 provider API key(s)", "(2 already used it)");
        assertThat(sealed("claude")).isEqualTo(claudeAfterFirst);
    }

    @Test
    void refusesANewKeyThatIsUnusableOrTheCurrentOne() {
        String claudeBefore = sealed("claude");

        GatewayCli.Result unusable = rotate("c2hvcnQ=");
        GatewayCli.Result same = rotate(OLD);

        assertThat(unusable.failure().orElseThrow()).hasMessageContaining("GATEWAY_NEW_MASTER_KEY").hasMessageContaining("32 bytes");
        assertThat(same.failure().orElseThrow()).hasMessageContaining("is the current one");
        assertThat(sealed("claude")).isEqualTo(claudeBefore);
    }

    private GatewayCli.Result rotate(String key) {
        Path config = GatewayCli.config(dir, POSTGRES, POSTGRES.schema(), OLD);
        return GatewayCli.run("rotate-master-key", "--new-key", key, config.toString());
    }

    private void assertCallable() {
        for (String provider : List.of("claude", "openai", "mock")) {
            // Past the cache: the second round would otherwise be answered without calling the providers.
            ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s",
                    "prompt", "Hi", "provider", provider, "cache", false));
            assertThat(response.status()).as(provider + ": " + response.body()).isEqualTo(200);
        }
        assertThat(gateway.fake().requests()).singleElement()
                .satisfies(call -> assertThat(call.header("x-api-key")).isEqualTo(GatewayHarness.PROVIDER_KEY));
        assertThat(secondFake.requests()).singleElement()
                .satisfies(call -> assertThat(call.header("authorization")).isEqualTo("Bearer " + SECOND_KEY));
    }

    private void restartWorkerWith(String masterKey) throws Exception {
        for (Worker worker : gateway.workers()) {
            gateway.stopWorker(worker);
        }
        gateway.startWorker(masterKey);
        workerOnNewKey = !masterKey.equals(OLD);
    }

    private static String sealed(String provider) {
        return POSTGRES.queryString("SELECT api_key_encrypted FROM provider_configs WHERE name = ?", provider);
    }

    private static void create(Map<String, Object> body) {
        ApiResponse response = gateway.admin().post("/api/v1/providers", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }
}
