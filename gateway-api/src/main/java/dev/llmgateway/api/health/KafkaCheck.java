package dev.llmgateway.api.health;

import dev.llmgateway.api.kafka.BrokerWatch;
import dev.llmgateway.api.kafka.RequestReplyClient;

/**
 * Kafka answers (as the {@link BrokerWatch} last found, so a readiness probe never waits on a dead
 * broker), and this instance's reply consumer is assigned (so no reply can be missed).
 */
public final class KafkaCheck implements DependencyCheck {
    private final BrokerWatch broker;
    private final RequestReplyClient replies;

    public KafkaCheck(BrokerWatch broker, RequestReplyClient replies) {
        this.broker = broker;
        this.replies = replies;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public CheckResult check() {
        if (!replies.isReady()) {
            return CheckResult.down("reply consumer not assigned yet");
        }
        return broker.isReachable() ? CheckResult.ok(broker.latencyMs()) : CheckResult.down("broker unreachable");
    }
}
