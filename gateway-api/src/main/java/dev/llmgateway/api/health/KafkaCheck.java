package dev.llmgateway.api.health;

import dev.llmgateway.api.kafka.RequestReplyClient;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Kafka answers, and this instance's reply consumer is assigned (so no reply can be missed). */
public final class KafkaCheck implements DependencyCheck {
    private final Admin admin;
    private final RequestReplyClient replies;

    public KafkaCheck(Admin admin, RequestReplyClient replies) {
        this.admin = admin;
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
        long start = System.nanoTime();
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(2, TimeUnit.SECONDS);
            return CheckResult.ok((System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.down("interrupted");
        } catch (Exception e) {
            return CheckResult.down("broker unreachable");
        }
    }
}
