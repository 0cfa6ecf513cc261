package dev.llmgateway.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The {@code worker:} block: pool size and pacing. */
public class WorkerSettings {
    @JsonProperty
    @Min(1)
    @Max(64)
    private int consumers = 2;

    @JsonProperty
    @Min(1)
    private int maxInFlightPerConsumer = 256;

    @JsonProperty
    private Duration catalogRefresh = Duration.seconds(1);

    @JsonProperty
    private String groupId = "gateway-worker";

    public int getConsumers() {
        return consumers;
    }

    public void setConsumers(int consumers) {
        this.consumers = consumers;
    }

    public int getMaxInFlightPerConsumer() {
        return maxInFlightPerConsumer;
    }

    public void setMaxInFlightPerConsumer(int maxInFlightPerConsumer) {
        this.maxInFlightPerConsumer = maxInFlightPerConsumer;
    }

    public Duration getCatalogRefresh() {
        return catalogRefresh;
    }

    public void setCatalogRefresh(Duration catalogRefresh) {
        this.catalogRefresh = catalogRefresh;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }
}
