package dev.llmgateway.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** The {@code usageStream:} block: the Streams application and the Postgres sink. */
public class UsageStreamSettings {
    /** The Streams application id: its consumer group, and the prefix of its internal topics. */
    @NotBlank
    @JsonProperty
    private String applicationId = "gateway-usage-stream";

    /** Local state (RocksDB); rebuilt from the changelog topics when lost. One per instance. */
    @NotBlank
    @JsonProperty
    private String stateDir = "data/usage-stream";

    @Min(1)
    @Max(16)
    @JsonProperty
    private int streamThreads = 1;

    /** How long a request id is remembered to drop its repeats. */
    @NotNull
    @JsonProperty
    private Duration dedupRetention = Duration.days(7);

    @NotBlank
    @JsonProperty
    private String sinkGroupId = "gateway-usage-sink";

    /** First wait before retrying a failed Postgres write; doubles up to {@link #sinkRetryMax}. */
    @NotNull
    @JsonProperty
    private Duration sinkRetryMin = Duration.milliseconds(200);

    @NotNull
    @JsonProperty
    private Duration sinkRetryMax = Duration.seconds(30);

    /** How often the consumer lag of the stream and the sink is measured and logged. */
    @NotNull
    @JsonProperty
    private Duration lagInterval = Duration.minutes(1);

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    public int getStreamThreads() {
        return streamThreads;
    }

    public void setStreamThreads(int streamThreads) {
        this.streamThreads = streamThreads;
    }

    public Duration getDedupRetention() {
        return dedupRetention;
    }

    public void setDedupRetention(Duration dedupRetention) {
        this.dedupRetention = dedupRetention;
    }

    public String getSinkGroupId() {
        return sinkGroupId;
    }

    public void setSinkGroupId(String sinkGroupId) {
        this.sinkGroupId = sinkGroupId;
    }

    public Duration getSinkRetryMin() {
        return sinkRetryMin;
    }

    public void setSinkRetryMin(Duration sinkRetryMin) {
        this.sinkRetryMin = sinkRetryMin;
    }

    public Duration getSinkRetryMax() {
        return sinkRetryMax;
    }

    public void setSinkRetryMax(Duration sinkRetryMax) {
        this.sinkRetryMax = sinkRetryMax;
    }

    public Duration getLagInterval() {
        return lagInterval;
    }

    public void setLagInterval(Duration lagInterval) {
        this.lagInterval = lagInterval;
    }
}
