package dev.llmgateway.stream;

import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.stream.health.ConsumerLag;
import dev.llmgateway.stream.health.LagReport;
import dev.llmgateway.stream.sink.PostgresSink;
import dev.llmgateway.stream.sink.SinkStatus;
import dev.llmgateway.stream.sink.UsageSinkDao;
import dev.llmgateway.stream.topology.UsageStreamsConfig;
import dev.llmgateway.stream.topology.UsageTopology;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage stream, wired: the Kafka Streams aggregation ({@link UsageTopology}), the Postgres sink
 * ({@link PostgresSink}) on a thread of its own, and a periodic lag measurement. Used by the
 * usage-stream process, the standalone process and tests; one-shot ({@code start} once, {@code stop} once).
 */
public final class UsageStream implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(UsageStream.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaFactory kafka;
    private final Jdbi jdbi;
    private final UsageStreamSettings settings;
    private Admin admin;
    private KafkaStreams streams;
    private PostgresSink sink;
    private Thread sinkThread;
    private ScheduledExecutorService lagTimer;
    private volatile LagReport lag = LagReport.NOT_MEASURED;

    /** @param jdbi with the SqlObject plugin installed (Dropwizard's {@code JdbiFactory} does it) */
    public UsageStream(KafkaFactory kafka, Jdbi jdbi, UsageStreamSettings settings) {
        this.kafka = kafka;
        this.jdbi = jdbi;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        admin = kafka.buildAdmin(settings.getApplicationId() + "-admin");
        new TopicInitializer(admin, kafka).createSharedTopics();

        StreamsBuilder builder = new StreamsBuilder();
        new UsageTopology(toJava(settings.getDedupRetention())).build(builder);
        streams = new KafkaStreams(builder.build(), UsageStreamsConfig.properties(kafka, settings));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Usage stream thread failed; the stream stops, uncommitted usage is read again on restart", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();

        String group = settings.getSinkGroupId();
        sink = new PostgresSink(kafka.buildConsumer(group, group), jdbi.onDemand(UsageSinkDao.class),
                toJava(settings.getSinkRetryMin()), toJava(settings.getSinkRetryMax()));
        sinkThread = new Thread(sink, "usage-sink");
        sinkThread.start();

        long interval = settings.getLagInterval().toMilliseconds();
        lagTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "usage-lag");
            thread.setDaemon(true);
            return thread;
        });
        lagTimer.scheduleWithFixedDelay(this::measureLag, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (lagTimer != null) {
            lagTimer.shutdownNow();
        }
        if (sink != null) {
            sink.stop();
            sinkThread.join(CLOSE_TIMEOUT.toMillis());
        }
        if (streams != null) {
            // Leaving the group hands the tasks to the other instances now, not after the session timeout.
            streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
        if (admin != null) {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    public KafkaStreams.State streamsState() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    public SinkStatus sinkStatus() {
        return sink == null ? SinkStatus.NOT_STARTED : sink.status();
    }

    public LagReport lag() {
        return lag;
    }

    private void measureLag() {
        try {
            ConsumerLag consumerLag = new ConsumerLag(admin);
            lag = new LagReport(consumerLag.of(settings.getApplicationId()), consumerLag.of(settings.getSinkGroupId()),
                    Instant.now());
            LOG.info("Usage {}", lag);
        } catch (KafkaException e) {
            LOG.warn("Usage lag unknown: {}", e.getMessage());
        }
    }

    private static Duration toJava(io.dropwizard.util.Duration duration) {
        return Duration.ofMillis(duration.toMilliseconds());
    }
}
