package dev.llmgateway.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmgateway.core.kafka.KafkaFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class UsageStreamConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    private KafkaFactory kafka = new KafkaFactory();

    @Valid
    @NotNull
    @JsonProperty
    private UsageStreamSettings usageStream = new UsageStreamSettings();

    public DataSourceFactory getDatabase() {
        return database;
    }

    public KafkaFactory getKafka() {
        return kafka;
    }

    public UsageStreamSettings getUsageStream() {
        return usageStream;
    }
}
