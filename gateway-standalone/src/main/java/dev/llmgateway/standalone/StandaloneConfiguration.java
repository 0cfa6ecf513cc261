package dev.llmgateway.standalone;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmgateway.api.GatewayConfiguration;
import dev.llmgateway.core.cost.ModelPrice;
import dev.llmgateway.stream.UsageStreamSettings;
import dev.llmgateway.worker.WorkerSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.Map;

/** The API's configuration plus the in-process worker's. */
public class StandaloneConfiguration extends GatewayConfiguration {
    @Valid
    @NotNull
    @JsonProperty
    private WorkerSettings worker = new WorkerSettings();

    @JsonProperty
    private Map<String, ModelPrice> prices = new HashMap<>();

    @Valid
    @NotNull
    @JsonProperty
    private UsageStreamSettings usageStream = new UsageStreamSettings();

    public UsageStreamSettings getUsageStream() {
        return usageStream;
    }

    public WorkerSettings getWorker() {
        return worker;
    }

    public Map<String, ModelPrice> getPrices() {
        return prices;
    }
}
