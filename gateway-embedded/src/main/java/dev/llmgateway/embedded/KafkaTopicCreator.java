package dev.llmgateway.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics that may already exist and waits until they can be used, on any Kafka cluster
 * reachable through an {@link Admin}.
 */
public final class KafkaTopicCreator {

    private static final long LEADER_POLL_MILLIS = 20;

    private KafkaTopicCreator() {
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and returns
     * once every partition of every given topic has a leader.
     *
     * @throws IllegalStateException if a topic cannot be created or gets no leader within {@code timeout}
     */
    public static void createTopics(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
            try {
                created.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + created.getKey(), e.getCause());
                }
            } catch (InterruptedException | TimeoutException e) {
                throw interruptedOrTimedOut("creating topic " + created.getKey(), timeout, e);
            }
        }
        awaitLeaders(admin, topics.stream().map(NewTopic::name).toList(), deadline, timeout);
    }

    private static void awaitLeaders(Admin admin, List<String> topics, long deadline, Duration timeout) {
        try {
            while (!allPartitionsHaveLeaders(admin, topics, deadline)) {
                if (remainingMillis(deadline) <= LEADER_POLL_MILLIS) {
                    throw new TimeoutException("no leader for every partition of " + topics);
                }
                Thread.sleep(LEADER_POLL_MILLIS);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw interruptedOrTimedOut("waiting for partition leaders of " + topics, timeout, e);
        }
    }

    private static boolean allPartitionsHaveLeaders(Admin admin, List<String> topics, long deadline)
            throws InterruptedException, TimeoutException {
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // metadata of a topic created a moment ago may not have reached the broker yet
            return false;
        }
        return descriptions.values().stream()
                .flatMap(description -> description.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static IllegalStateException interruptedOrTimedOut(String what, Duration timeout, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while " + what, e);
        }
        return new IllegalStateException("timed out after " + timeout + " " + what, e);
    }
}
