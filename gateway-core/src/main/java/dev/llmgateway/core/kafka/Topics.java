package dev.llmgateway.core.kafka;

import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.DailyUsageKey;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.UsageEvent;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of the public contract (DESIGN.md), with its serdes. */
public final class Topics {
    public static final Topic<String, GenerationRequest> REQUESTS =
            new Topic<>("llm.requests", Serdes.String(), JsonSerde.of(GenerationRequest.class));
    public static final Topic<String, GenerationResult> RESULTS =
            new Topic<>("llm.results", Serdes.String(), JsonSerde.of(GenerationResult.class));
    /**
     * The chunks of streamed jobs share their reply topic with the results ({@code llm.results} or
     * a {@link #replies} topic): use {@link Topic#named} with the reply topic's name, and tell them
     * apart by {@link GatewayHeaders#MESSAGE_TYPE}.
     */
    public static final Topic<String, GenerationChunk> CHUNKS =
            new Topic<>("llm.results", Serdes.String(), JsonSerde.of(GenerationChunk.class));
    public static final Topic<String, UsageEvent> USAGE =
            new Topic<>("llm.usage", Serdes.String(), JsonSerde.of(UsageEvent.class));
    public static final Topic<DailyUsageKey, DailyUsage> USAGE_DAILY =
            new Topic<>("llm.usage.daily", JsonSerde.of(DailyUsageKey.class), JsonSerde.of(DailyUsage.class));
    /** Original key and value bytes, with {@link GatewayHeaders#ERROR_REASON} and the origin. */
    public static final Topic<byte[], byte[]> REQUESTS_DLQ =
            new Topic<>("llm.requests.dlq", Serdes.ByteArray(), Serdes.ByteArray());

    private static final String REPLIES_PREFIX = "llm.replies.";
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    private Topics() {
    }

    /** The reply topic private to one API instance: {@code llm.replies.<instance-id>}. */
    public static Topic<String, GenerationResult> replies(String instanceId) {
        if (instanceId == null || !INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException(
                    "instance id must match " + INSTANCE_ID.pattern() + ", got '" + instanceId + "'");
        }
        return RESULTS.named(REPLIES_PREFIX + instanceId);
    }
}
