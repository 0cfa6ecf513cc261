package dev.llmgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.ProviderRow;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.HeldStream;
import dev.llmgateway.testkit.fakeprovider.RecordedRequest;
import dev.llmgateway.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /v1/chat/completions} and {@code /v1/models} through the official OpenAI Java SDK, with
 * only its base URL and key changed, and raw HTTP where the wire format itself is the point.
 */
class ChatCompletionsIT {
    private static final String CLAUDE = "claude/claude-sonnet-4-5-20250929";

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static GatewayHarness gateway;
    private static OpenAIClient openai;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
        openai = client(GatewayHarness.SERVICE_KEY);
    }

    @AfterAll
    static void stopGateway() {
        if (openai != null) {
            openai.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void freshState() {
        gateway.refreshCatalogs();
        gateway.clearLocalCaches();
        gateway.fake().reset();
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gateway.api().baseUrl() + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .putHeader("X-Gateway-Service", "trendscout")
                .build();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question);
    }

    @Test
    void answersACompletionWithOpenAisShapeUsageAndTheGatewaysRouting() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(CLAUDE)
                .addSystemMessage("Be brief")
                .addUserMessage("Hello world")
                .user("u1")
                .maxCompletionTokens(50)
                .temperature(0.5)
                .build());

        completion.validate();
        assertThat(completion.id()).startsWith("gen_");
        assertThat(completion.model()).isEqualTo(CLAUDE);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).contains("Echo: Hello world");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        // the fake counts words: "Be brief" and "Hello world" in, "Echo: Hello world" out
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(4);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(7);
        RecordedRequest sent = gateway.fake().requests().get(0);
        assertThat(sent.json().path("system").asText()).isEqualTo("Be brief");
        assertThat(sent.json().path("max_tokens").asInt()).isEqualTo(50);
        UsageEvent usage = usageOf(completion.id());
        assertThat(usage.userId()).isEqualTo("u1");
        assertThat(usage.service()).isEqualTo("trendscout");
    }

    @Test
    void takesAModelNameThatAnEnabledProviderLists() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));

        ChatCompletion completion = openai.chat().completions().create(ask("gpt-4o", "Hi").build());

        assertThat(completion.model()).isEqualTo("openai/gpt-4o");
        assertThat(gateway.fake().requests().get(0).path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void autoRoutesByTheUsersOverride() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));
        gateway.addOverride("premium_user", null, "openai", "gpt-4o");

        ChatCompletion premium = openai.chat().completions().create(ask("auto", "Hi").user("premium_user").build());
        ChatCompletion anonymous = openai.chat().completions().create(ask("auto", "Hi").build());

        assertThat(premium.model()).isEqualTo("openai/gpt-4o");
        assertThat(anonymous.model()).isEqualTo(CLAUDE);
    }

    @Test
    void streamsTheAnswerAsChunksWithAFinalUsageChunk() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ask(CLAUDE, "Stream this").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            chunks = stream.stream().map(accumulator::accumulate).toList();
        }

        assertThat(chunks).allSatisfy(ChatCompletionChunk::validate);
        assertThat(chunks.get(0).choices().get(0).delta().role()).contains(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        String streamed = chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
        assertThat(streamed).isEqualTo("Echo: Stream this");
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().totalTokens()).isEqualTo(5);
        ChatCompletion assembled = accumulator.chatCompletion();
        assertThat(assembled.choices().get(0).message().content()).contains("Echo: Stream this");
        assertThat(assembled.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void theFirstChunkReachesTheClientWhileTheProviderIsStillGenerating() {
        gateway.addProvider(gateway.fakeOpenAi("openai"));
        HeldStream provider = Behavior.heldStream("one two three four", 1);
        gateway.fake().enqueue(provider);

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                    ask("openai/gpt-4o-mini", "Count").streamOptions(ChatCompletionStreamOptions.builder()
                            .includeUsage(true).build()).build())) {
                Iterator<ChatCompletionChunk> it = stream.stream().iterator();
                // the provider sends nothing after "one" until released: this chunk can only be relayed
                chunks.addAll(readUntilContent(it, "one"));
                provider.release();
                it.forEachRemaining(chunks::add);
            }
        });

        assertThat(chunks).allSatisfy(ChatCompletionChunk::validate);
        assertThat(chunks.get(0).choices().get(0).delta().role()).contains(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        assertThat(contentOf(chunks)).isEqualTo("one two three four");
        assertThat(chunks).filteredOn(c -> !c.choices().isEmpty() && c.choices().get(0).delta().content().isPresent()
                && !c.choices().get(0).delta().content().get().isEmpty()).hasSize(4);
        assertThat(chunks).extracting(ChatCompletionChunk::model).containsOnly("openai/gpt-4o-mini");
        ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
        assertThat(finish.choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        ChatCompletionChunk usage = chunks.get(chunks.size() - 1);
        assertThat(usage.choices()).isEmpty();
        assertThat(usage.usage().orElseThrow().promptTokens()).isEqualTo(1);
        assertThat(usage.usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(usageOf(usage.id()).outputTokens()).isEqualTo(4);
    }

    @Test
    void aProviderFailingBeforeTheFirstChunkIsFallenBackFromUnseen() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1).withMaxRetries(0));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));
        gateway.fake().enqueue(Behavior.status(500), Behavior.reply("from the fallback"));

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ask("auto", "Hi").build())) {
            chunks = stream.stream().toList();
        }

        assertThat(contentOf(chunks)).isEqualTo("from the fallback");
        assertThat(chunks).extracting(ChatCompletionChunk::model).containsOnly("openai/gpt-4o-mini");
        assertThat(gateway.fake().requests()).extracting(RecordedRequest::path)
                .containsExactly("/v1/messages", "/v1/chat/completions");
    }

    @Test
    void aProviderFailingAfterTheFirstChunkEndsTheStreamWithAnErrorTheSdkRaises() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));
        HeldStream provider = Behavior.heldStream("one two three", 1);
        gateway.fake().enqueue(provider);

        List<ChatCompletionChunk> received = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                    ask("auto", "Hi").build())) {
                Iterator<ChatCompletionChunk> it = stream.stream().iterator();
                received.addAll(readUntilContent(it, "one"));
                provider.cut();
                assertThatThrownBy(() -> it.forEachRemaining(received::add))
                        .isInstanceOfSatisfying(SseException.class, e -> assertThat(e.getMessage())
                                .contains("claude failed mid-stream"));
            }
        });

        assertThat(contentOf(received)).isEqualTo("one");
        // neither retried (claude allows 2 retries) nor fallen back once the answer had begun
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
    }

    @Test
    void aStreamWhoseWorkerStopsMidAnswerEndsWithAnErrorInsteadOfSplicingInASecondAnswer() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        // a second worker in the group takes the stopped one's partitions, and the job, over
        gateway.startWorker();
        // the group has settled on both workers once an ordinary request is answered through it
        assertThat(openai.chat().completions().create(ask(CLAUDE, "Settled?").build()).choices()).isNotEmpty();
        gateway.fake().enqueue(Behavior.heldStream("first answer here", 1));

        List<ChatCompletionChunk> received = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                    ask(CLAUDE, "Hi").build())) {
                Iterator<ChatCompletionChunk> it = stream.stream().iterator();
                received.addAll(readUntilContent(it, "first"));
                Worker streaming = gateway.workers().stream().filter(w -> w.inFlight() > 0).findFirst().orElseThrow();
                gateway.stopWorker(streaming);
                // the job is redelivered to the other worker, whose answer ("Echo: Hi") starts again at chunk 0
                assertThatThrownBy(() -> it.forEachRemaining(received::add)).isInstanceOf(SseException.class);
            }
        });

        assertThat(contentOf(received)).isEqualTo("first");
        gateway.fake().awaitRequests(3, Duration.ofSeconds(30));
    }

    @Test
    void aClientThatDisconnectsStopsTheRelayAndTheAnswerIsStillCountedOnce() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        int words = 50;
        HeldStream provider = Behavior.heldStream(String.join(" ", java.util.Collections.nCopies(words, "word")), 1);
        gateway.fake().enqueue(provider);
        var replies = gateway.application(0).components().requestReply();

        String id = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                    ask(CLAUDE, "Talk").build())) {
                return readUntilContent(stream.stream().iterator(), "word").get(0).id();
            }
        });
        // The relay notices the client has gone when a write fails: let the provider go on a
        // piece at a time until it does, long before the provider is done.
        AtomicInteger allowed = new AtomicInteger(1);
        await("the relay stops").atMost(Duration.ofSeconds(30)).until(() -> {
            provider.allow(1);
            allowed.incrementAndGet();
            return replies.pendingCount() == 0;
        });
        assertThat(allowed.get()).as("pieces the provider was allowed to send").isLessThan(words);
        provider.release();

        assertThat(usageEventsOf(id)).singleElement().satisfies(usage -> {
            assertThat(usage.outputTokens()).isEqualTo(words);
            assertThat(usage.status()).isEqualTo(GenerationStatus.SUCCEEDED);
        });
        assertThat(openai.chat().completions().create(ask(CLAUDE, "Still there?").build()).choices())
                .singleElement().satisfies(c -> assertThat(c.message().content()).contains("Echo: Still there?"));
    }

    @Test
    void aStreamedRequestAnsweredFromTheCacheComesAsOneContentChunk() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        gateway.fake().setDefault(Behavior.reply("cached words here"));
        openai.chat().completions().create(ask(CLAUDE, "Same question").build());

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ask(CLAUDE, "Same question").build())) {
            chunks = stream.stream().toList();
        }

        assertThat(chunks).filteredOn(c -> c.choices().get(0).delta().content().filter(t -> !t.isEmpty()).isPresent())
                .singleElement().satisfies(c -> assertThat(c.choices().get(0).delta().content()).contains("cached words here"));
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
    }

    @Test
    void theStreamIsServerSentEventsEndingInDone() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/v1/chat/completions", Map.of("model", CLAUDE, "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "Hi"))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events).allSatisfy(event -> assertThat(event).startsWith("data: "));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(events.get(events.size() - 2)).contains("\"finish_reason\":\"stop\"").doesNotContain("usage");
        assertThat(events.get(0)).contains("\"object\":\"chat.completion.chunk\"", "\"role\":\"assistant\"");
    }

    @Test
    void listsTheEnabledProvidersModelsAsProviderSlashModel() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));
        gateway.addProvider(ProviderRow.mock("off").withEnabled(false));

        List<Model> models = openai.models().list().data();

        assertThat(models).extracting(Model::id).containsExactly("auto", CLAUDE, "openai/gpt-4o",
                "openai/gpt-4o-mini");
        assertThat(models).allSatisfy(Model::validate);
        assertThat(models.get(1).ownedBy()).isEqualTo("claude");
    }

    @Test
    void retrievesOneModelByItsIdWithTheSlashAsIs() {
        gateway.addProvider(gateway.fakeOpenAi("openai"));

        ApiResponse found = gateway.api().get("/v1/models/openai/gpt-4o");
        ApiResponse missing = gateway.api().get("/v1/models/openai/gpt-9");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("id").asText()).isEqualTo("openai/gpt-4o");
        assertThat(found.json().path("object").asText()).isEqualTo("model");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").path("code").asText()).isEqualTo("model_not_found");
        assertThat(openai.models().retrieve("auto").ownedBy()).isEqualTo(ModelDirectory.OWNER);
    }

    @Test
    void aWrongKeyRaisesTheSdksUnauthorizedException() {
        OpenAIClient wrongKey = client("not-a-key");
        try {
            assertThatThrownBy(() -> wrongKey.chat().completions().create(ask(CLAUDE, "Hi").build()))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.code()).contains("invalid_api_key");
                        assertThat(e.type()).contains("invalid_request_error");
                    });
        } finally {
            wrongKey.close();
        }
    }

    @Test
    void anUnknownModelRaisesNotFoundWithCodeModelNotFound() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        assertThatThrownBy(() -> openai.chat().completions().create(ask("gpt-9000", "Hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.param()).contains("model");
                });
        assertThat(gateway.fake().requestCount()).isZero();
    }

    @Test
    void invalidParametersRaiseBadRequestNamingTheParameter() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "Hi").temperature(3.0).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("temperature"));
        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "Hi")
                .addAssistantMessage("Hello").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("messages"));
        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "Hi").maxCompletionTokens(0).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.param()).contains("max_completion_tokens"));
    }

    @Test
    void errorsHaveExactlyOpenAisFieldsAndStatuses() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse badRole = gateway.api().post("/v1/chat/completions", Map.of("model", CLAUDE,
                "messages", List.of(Map.of("role", "system", "content", "s"), Map.of("role", "tool", "content", "x"))));
        ApiResponse notJson = gateway.api().post("/v1/chat/completions", "{\"model\": ");
        ApiResponse noSuchPath = gateway.api().get("/v1/nothing-here");

        assertThat(badRole.status()).isEqualTo(400);
        JsonNode error = badRole.json().path("error");
        assertThat(error.properties()).extracting(Map.Entry::getKey).containsExactly("message", "type", "param", "code");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("messages[1].role");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").path("code").asText()).isEqualTo("invalid_json");
        assertThat(noSuchPath.status()).isEqualTo(404);
        assertThat(noSuchPath.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(noSuchPath.json().path("error").has("param")).isTrue();
    }

    @Test
    void aReachedRateLimitRaisesRateLimitExceptionWithRetryAfter() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withRateLimitRpm(1));
        openai.chat().completions().create(ask(CLAUDE, "one").build());

        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "two").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.headers().values("Retry-After")).isNotEmpty();
                });
    }

    @Test
    void failingProvidersRaiseAServerErrorWithTheRequestId() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withMaxRetries(0));
        gateway.fake().setDefault(Behavior.status(500));

        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "Hi").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.type()).contains("server_error");
                    assertThat(e.code()).contains("provider_error");
                    assertThat(e.headers().values("X-Request-Id")).singleElement().asString().startsWith("gen_");
                });
    }

    @Test
    void identicalRequestsAreAnsweredFromTheCache() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        Map<String, Object> body = Map.of("model", CLAUDE, "messages", List.of(Map.of("role", "user", "content", "same")));

        ApiResponse first = gateway.api().post("/v1/chat/completions", body);
        ApiResponse second = gateway.api().post("/v1/chat/completions", body);

        assertThat(first.header("X-Gateway-Cached")).isEqualTo("false");
        assertThat(second.header("X-Gateway-Cached")).isEqualTo("true");
        assertThat(second.json().path("choices").get(0).path("message").path("content").asText()).isEqualTo("Echo: same");
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
    }

    /** Reads chunks up to and including the first whose content contains {@code text}. */
    private static List<ChatCompletionChunk> readUntilContent(Iterator<ChatCompletionChunk> chunks, String text) {
        List<ChatCompletionChunk> read = new ArrayList<>();
        while (chunks.hasNext()) {
            ChatCompletionChunk chunk = chunks.next();
            read.add(chunk);
            if (!chunk.choices().isEmpty() && chunk.choices().get(0).delta().content().orElse("").contains(text)) {
                return read;
            }
        }
        throw new AssertionError("the stream ended before '" + text + "': " + read);
    }

    private static String contentOf(List<ChatCompletionChunk> chunks) {
        return chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
    }

    private static UsageEvent usageOf(String requestId) {
        return usageEventsOf(requestId).get(0);
    }

    /** The usage events of the request, once there is one. */
    private static List<UsageEvent> usageEventsOf(String requestId) {
        return gateway.kafka().readUntil(Topics.USAGE.name(), new StringDeserializer(),
                        Topics.USAGE.valueSerde().deserializer(),
                        records -> records.stream().anyMatch(r -> requestId.equals(r.key())), Duration.ofSeconds(10))
                .stream().filter(r -> requestId.equals(r.key())).map(r -> r.value()).toList();
    }
}
