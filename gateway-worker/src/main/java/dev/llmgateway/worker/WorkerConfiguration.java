package dev.llmgateway.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmgateway.core.cost.ModelPrice;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.redis.RedisSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.Map;

public class WorkerConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    private KafkaFactory kafka = new KafkaFactory();

    @JsonProperty
    private String masterKey;

    @Valid
    @NotNull
    @JsonProperty
    private WorkerSettings worker = new WorkerSettings();

    @Valid
    @NotNull
    @JsonProperty
    private RedisSettings redis = new RedisSettings();

    public RedisSettings getRedis() {
        return redis;
    }

    /** Overrides of the built-in price list, by model name. */
    @JsonProperty
    private Map<String, ModelPrice> prices = new HashMap<>();

    public DataSourceFactory getDatabase() {
        return database;
    }

    public KafkaFactory getKafka() {
        return kafka;
    }

    public String getMasterKey() {
        return masterKey;
    }

    public WorkerSettings getWorker() {
        return worker;
    }

    public Map<String, ModelPrice> getPrices() {
        return prices;
    }
}
