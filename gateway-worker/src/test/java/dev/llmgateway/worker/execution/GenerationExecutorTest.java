package dev.llmgateway.worker.execution;

import static dev.llmgateway.worker.execution.ScriptedClient.answer;
import static dev.llmgateway.worker.execution.ScriptedClient.fail;
import static dev.llmgateway.worker.execution.ScriptedClient.rateLimited;
import static dev.llmgateway.worker.execution.ScriptedClient.status;
import static dev.llmgateway.worker.execution.ScriptedClient.throwing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.core.cost.CostCalculator;
import dev.llmgateway.core.cost.ModelPrice;
import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.ProviderTarget;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.provider.ProviderType;
import dev.llmgateway.core.routing.Router;
import dev.llmgateway.worker.provider.ProviderClients;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenerationExecutorTest {
    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final RetryPolicy POLICY =
            new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60));
    private static final SecretBox SECRETS = SecretBox.fromBase64(SecretBox.generateMasterKey());

    private final MutableClock clock = new MutableClock(START);
    private final FastForwardTimer timer = new FastForwardTimer(clock);
    private final ScriptedClient client = new ScriptedClient(clock);
    private final List<ProviderConfig> providers = new ArrayList<>();
    private final AtomicReference<ProviderCatalog> catalog = new AtomicReference<>(ProviderCatalog.EMPTY);
    private PriceTable prices = PriceTable.defaults();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void theFirstCandidateThatAnswersGivesTheResult() {
        provider("a", 2);
        provider("b", 2);
        client.script("a", answer("hello from a", 12, 34));

        GenerationResult result = execute(job().candidates(targets("a", "b")));

        assertThat(result.status()).isEqualTo(GenerationStatus.SUCCEEDED);
        assertThat(result.content()).isEqualTo("hello from a");
        assertThat(result.provider()).isEqualTo("a");
        assertThat(result.model()).isEqualTo("a-model");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new TokenUsage(12, 34));
        assertThat(result.error()).isNull();
        assertThat(client.calledProviders()).containsExactly("a");
        assertThat(timer.delays()).isEmpty();
    }

    @Test
    void theCallCarriesTheJobAndTheProvidersSettings() {
        provider("a", 0);
        client.script("a", answer("ok"));

        execute(job().system("be brief").maxTokens(50).temperature(0.3).candidates(List.of(new ProviderTarget("a", "x-1"))));

        var call = client.calls().get(0);
        assertThat(call.model()).isEqualTo("x-1");
        assertThat(call.system()).isEqualTo("be brief");
        assertThat(call.messages()).extracting(m -> m.role() + ":" + m.content()).containsExactly("user:hi");
        assertThat(call.maxTokens()).isEqualTo(50);
        assertThat(call.temperature()).isEqualTo(0.3);
        assertThat(call.requestId()).isEqualTo("job-1");
        assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffUntilOneSucceeds() {
        provider("a", 2);
        client.script("a", status(500), status(503), answer("third time lucky"));

        GenerationResult result = execute(job().candidates(targets("a")));

        assertThat(result.content()).isEqualTo("third time lucky");
        assertThat(client.calledProviders()).containsExactly("a", "a", "a");
        assertThat(timer.delays()).hasSize(2);
        assertThat(timer.delays().get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(timer.delays().get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void retriesStopAtTheProvidersMaxRetries() {
        provider("a", 1);
        provider("b", 0);
        client.script("a", status(500));
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().candidates(targets("a", "b")));

        assertThat(client.calledProviders()).containsExactly("a", "a", "b");
        assertThat(result.provider()).isEqualTo("b");
    }

    @Test
    void retryAfterIsWaitedInsteadOfTheBackoff() {
        provider("a", 1);
        client.script("a", rateLimited(Duration.ofSeconds(7)), answer("after the limit"));

        GenerationResult result = execute(job().candidates(targets("a")));

        assertThat(result.content()).isEqualTo("after the limit");
        assertThat(timer.delays()).singleElement().satisfies(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
        assertThat(client.calls().get(1)).isNotNull();
    }

    @Test
    void aRetryAfterBeyondTheDeadlineGivesUpThatProviderAtOnce() {
        provider("a", 3);
        provider("b", 0);
        client.script("a", rateLimited(Duration.ofSeconds(30)));
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().deadline(START.plusSeconds(10)).candidates(targets("a", "b")));

        assertThat(result.provider()).isEqualTo("b");
        assertThat(client.calledProviders()).containsExactly("a", "b");
        assertThat(timer.delays()).as("no waiting for a").isEmpty();
    }

    @Test
    void anAbsurdRetryAfterFallsBackInsteadOfFailingTheJob() {
        provider("a", 3);
        provider("b", 0);
        client.script("a", rateLimited(Duration.ofMillis(Long.MAX_VALUE)));
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().candidates(targets("a", "b")));

        assertThat(result.provider()).isEqualTo("b");
    }

    @Test
    void candidatesAreTriedInTheirOrder() {
        provider("a", 0);
        provider("b", 0);
        provider("c", 0);
        provider("d", 0);
        client.script("c", status(401));
        client.script("a", status(500));
        client.script("d", answer("from d"));
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().candidates(targets("c", "a", "d", "b")));

        assertThat(client.calledProviders()).containsExactly("c", "a", "d");
        assertThat(result.provider()).isEqualTo("d");
        assertThat(result.content()).isEqualTo("from d");
    }

    @Test
    void aNonRetryableFailureGoesStraightToTheNextProvider() {
        provider("a", 5);
        provider("b", 5);
        client.script("a", status(400));
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().candidates(targets("a", "b")));

        assertThat(client.calledProviders()).containsExactly("a", "b");
        assertThat(timer.delays()).isEmpty();
        assertThat(result.provider()).isEqualTo("b");
    }

    @Test
    void whenEveryProviderFailsTheResultNamesEachWithoutTheirBodies() {
        provider("a", 1);
        provider("b", 0);
        client.script("a", status(500));
        client.script("b", fail(new IllegalStateException("{\"error\":{\"message\":\"secret upstream body\"}}")));

        GenerationResult result = execute(job().candidates(targets("a", "b")));

        assertThat(result.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(result.content()).isNull();
        assertThat(result.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(result.costUsd()).isZero();
        assertThat(result.provider()).isEqualTo("b");
        assertThat(result.error().type()).isEqualTo("provider_error");
        assertThat(result.error().message())
                .startsWith("all 2 providers failed: ")
                .contains("a: HTTP 500 after 2 attempts")
                .contains("b: ")
                .doesNotContain("secret upstream body")
                .doesNotContain("{")
                .doesNotContain("Exception");
    }

    @Test
    void aSingleFailingProviderIsNamed() {
        provider("a", 0);
        client.script("a", status(529));

        GenerationResult result = execute(job().candidates(targets("a")));

        assertThat(result.error().type()).isEqualTo("provider_error");
        assertThat(result.error().message()).isEqualTo("the provider failed: a: HTTP 529 after 1 attempt");
    }

    @Test
    void aFailureAfterTheDeadlineEndsTheJobAsATimeoutWithoutFurtherTries() {
        provider("a", 3);
        provider("b", 3);
        client.script("a", status(500).taking(Duration.ofSeconds(6)));
        client.script("b", answer("too late"));

        GenerationResult result = execute(job().deadline(START.plusSeconds(5)).candidates(targets("a", "b")));

        assertThat(client.calledProviders()).containsExactly("a");
        assertThat(timer.delays()).isEmpty();
        assertThat(result.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(result.error().type()).isEqualTo("timeout");
        assertThat(result.error().message()).contains("a: HTTP 500").contains("b: not tried, deadline passed");
    }

    @Test
    void aJobAlreadyPastItsDeadlineIsNotSentToAnyProvider() {
        provider("a", 3);
        client.script("a", answer("nobody waits for this"));

        GenerationResult result = execute(job().createdAt(START.minusSeconds(90)).deadline(START.minusSeconds(30))
                .candidates(targets("a")));

        assertThat(client.calls()).isEmpty();
        assertThat(result.error().type()).isEqualTo("timeout");
        assertThat(result.error().message()).contains("a: not tried, deadline passed");
    }

    @Test
    void theCallTimeoutIsCutToWhatRemainsOfTheDeadline() {
        provider("a", 0);
        client.script("a", answer("quick"));

        execute(job().deadline(START.plusSeconds(3)).candidates(targets("a")));

        assertThat(client.calls().get(0).timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aJobWithoutDeadlineGetsThePolicysBudget() {
        provider("a", 3);
        client.script("a", status(500).taking(Duration.ofSeconds(61)), answer("never"));

        GenerationResult result = execute(job().candidates(targets("a")));

        assertThat(client.calls()).hasSize(1);
        assertThat(result.error().type()).isEqualTo("timeout");
    }

    @Test
    void unknownAndDisabledCandidatesAreSkipped() {
        provider("a", 0);
        providers.add(config("off", ProviderType.MOCK, false, 10, 0));
        publishCatalog();
        client.script("a", answer("from a"));

        GenerationResult result = execute(job().candidates(targets("ghost", "off", "a")));

        assertThat(result.provider()).isEqualTo("a");
        assertThat(client.calledProviders()).containsExactly("a");
    }

    @Test
    void onlyUnknownCandidatesFailTheJobNamingThem() {
        provider("a", 0);

        GenerationResult result = execute(job().candidates(targets("ghost")));

        assertThat(result.error().type()).isEqualTo("provider_error");
        assertThat(result.error().message()).contains("ghost: unknown or disabled");
        assertThat(client.calls()).isEmpty();
    }

    @Test
    void aJobWithoutCandidatesIsRoutedByPriorityWithFallback() {
        providers.add(config("low", ProviderType.MOCK, true, 20, 0));
        providers.add(config("high", ProviderType.MOCK, true, 10, 0));
        publishCatalog();
        client.script("high", status(401));
        client.script("low", answer("from low"));

        GenerationResult result = execute(job());

        assertThat(client.calls()).extracting(call -> call.provider().name() + "/" + call.model())
                .containsExactly("high/high-model", "low/low-model");
        assertThat(result.provider()).isEqualTo("low");
    }

    @Test
    void aJobWithoutCandidatesHonoursItsProviderAndModel() {
        provider("a", 0);
        provider("b", 0);
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().provider("b").model("b-large"));

        assertThat(result.provider()).isEqualTo("b");
        assertThat(result.model()).isEqualTo("b-large");
    }

    @Test
    void aJobThatCannotBeRoutedBecauseNoProviderIsEnabledIsUnavailable() {
        providers.add(config("off", ProviderType.MOCK, false, 10, 0));
        publishCatalog();

        GenerationResult result = execute(job());

        assertThat(result.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(result.error().type()).isEqualTo("unavailable");
        assertThat(client.calls()).isEmpty();
    }

    @Test
    void aJobNamingAnUnknownProviderIsAValidationError() {
        provider("a", 0);

        GenerationResult result = execute(job().provider("nope"));

        assertThat(result.error().type()).isEqualTo("validation_error");
        assertThat(result.error().message()).contains("nope");
        assertThat(client.calls()).isEmpty();
    }

    @Test
    void theCostIsComputedFromTheAnsweringModelsPrice() {
        prices = new PriceTable(Map.of("a-model", ModelPrice.of("3", "15")));
        provider("a", 0);
        client.script("a", answer("priced", 1_000, 2_000));

        GenerationResult result = execute(job().candidates(targets("a")));

        assertThat(result.costUsd()).isEqualByComparingTo(new BigDecimal("0.033"));
    }

    @Test
    void latencyCountsFromTheJobsCreation() {
        provider("a", 0);
        client.script("a", answer("slow").taking(Duration.ofMillis(500)));

        GenerationResult result = execute(job().createdAt(START.minusSeconds(2)).candidates(targets("a")));

        assertThat(result.latencyMs()).isEqualTo(2_500);
    }

    @Test
    void aCreationTimeAgesAgoGivesTheLongestLatencyAUsageEventHoldsInsteadOfNoAnswer() {
        provider("a", 0);
        client.script("a", answer("fine"));

        GenerationResult result = execute(job().createdAt(Instant.parse("-1000000000-01-01T00:00:00Z"))
                .candidates(targets("a")));

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.latencyMs()).isEqualTo(UsageEvent.MAX_COUNT);
        assertThat(UsageEvent.of(job().build(), result, START).latencyMs()).isEqualTo(UsageEvent.MAX_COUNT);
    }

    @Test
    void aClientThatThrowsFailsOnlyThatProvider() {
        provider("a", 2);
        provider("b", 0);
        client.script("a", throwing(new IllegalArgumentException("Illegal character in authority at index 7")));
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().candidates(targets("a", "b")));

        assertThat(result.provider()).isEqualTo("b");
        assertThat(client.calledProviders()).as("a client bug is not retried").containsExactly("a", "b");
    }

    @Test
    void aProviderTypeWithoutAClientFailsOnlyThatProvider() {
        providers.add(config("anthropic", ProviderType.ANTHROPIC, true, 10, 2));
        provider("b", 0);
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().candidates(targets("anthropic", "b")));

        assertThat(result.provider()).isEqualTo("b");
    }

    @Test
    void theApiKeyIsDecryptedForTheCall() {
        providers.add(withKey(config("a", ProviderType.MOCK, true, 10, 0), SECRETS.encrypt("sk-live-123")));
        publishCatalog();
        client.script("a", answer("ok"));

        execute(job().candidates(targets("a")));

        assertThat(client.calls().get(0).apiKey()).isEqualTo("sk-live-123");
        assertThat(client.calls().get(0).toString()).doesNotContain("sk-live-123");
    }

    @Test
    void aKeyThatCannotBeDecryptedSkipsThatProvider() {
        SecretBox other = SecretBox.fromBase64(SecretBox.generateMasterKey());
        providers.add(withKey(config("a", ProviderType.MOCK, true, 10, 0), other.encrypt("sk-other")));
        provider("b", 0);
        client.script("b", answer("from b"));

        GenerationResult result = execute(job().candidates(targets("a", "b")));

        assertThat(client.calledProviders()).containsExactly("b");
        assertThat(result.provider()).isEqualTo("b");
    }

    private GenerationRequest.Builder job() {
        return GenerationRequest.builder("job-1", "user-1", "svc").prompt("hi").createdAt(START);
    }

    private GenerationResult execute(GenerationRequest.Builder job) {
        GenerationExecutor executor = new GenerationExecutor(catalog::get,
                new ProviderClients(Map.of(ProviderType.MOCK, client)), SECRETS, new CostCalculator(prices), new Router(),
                timer, clock, POLICY);
        try {
            return executor.execute(job.build()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the executor's future must complete normally", e);
        }
    }

    private void provider(String name, int maxRetries) {
        providers.add(config(name, ProviderType.MOCK, true, 10 + providers.size(), maxRetries));
        publishCatalog();
    }

    private void publishCatalog() {
        catalog.set(new ProviderCatalog(List.copyOf(providers), List.of()));
    }

    private static ProviderConfig config(String name, ProviderType type, boolean enabled, int priority, int maxRetries) {
        return new ProviderConfig(name, type, name, null, null, List.of(name + "-model", name + "-large"),
                name + "-model", enabled, priority, null, 10_000, maxRetries);
    }

    private static ProviderConfig withKey(ProviderConfig p, String encryptedKey) {
        return new ProviderConfig(p.name(), p.type(), p.displayName(), p.baseUrl(), encryptedKey, p.models(),
                p.defaultModel(), p.enabled(), p.priority(), p.rateLimitRpm(), p.timeoutMs(), p.maxRetries());
    }

    private static List<ProviderTarget> targets(String... names) {
        return Arrays.stream(names).map(name -> new ProviderTarget(name, name + "-model")).toList();
    }
}
