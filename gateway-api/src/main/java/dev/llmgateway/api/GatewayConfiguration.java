package dev.llmgateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmgateway.api.cache.CacheSettings;
import dev.llmgateway.api.jobs.JobSettings;
import dev.llmgateway.api.ratelimit.RateLimitSettings;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.redis.RedisSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

public class GatewayConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private DataSourceFactory database = new DataSourceFactory();

    @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}")
    @JsonProperty
    private String schema = "llm_gateway";

    @JsonProperty
    private boolean migrateOnStart = false;

    @Valid
    @NotNull
    @JsonProperty
    private KafkaFactory kafka = new KafkaFactory();

    /** Names this instance's reply topic, {@code llm.replies.<instanceId>}; unique per running instance. */
    @Pattern(regexp = "[a-zA-Z0-9._-]{1,200}")
    @JsonProperty
    private String instanceId = "api-" + UUID.randomUUID().toString().substring(0, 8);

    @Valid
    @NotNull
    @JsonProperty
    private AuthSettings auth = new AuthSettings();

    /** Base64 of 32 bytes; encrypts provider API keys at rest. */
    @JsonProperty
    private String masterKey;

    @Valid
    @NotNull
    @JsonProperty
    private GenerationSettings generation = new GenerationSettings();

    @JsonProperty
    private Duration catalogRefresh = Duration.seconds(1);

    @Valid
    @NotNull
    @JsonProperty
    private RedisSettings redis = new RedisSettings();

    @Valid
    @NotNull
    @JsonProperty
    private CacheSettings cache = new CacheSettings();

    @Valid
    @NotNull
    @JsonProperty
    private RateLimitSettings rateLimit = new RateLimitSettings();

    @Valid
    @NotNull
    @JsonProperty
    private JobSettings jobs = new JobSettings();

    public JobSettings getJobs() {
        return jobs;
    }

    public RedisSettings getRedis() {
        return redis;
    }

    public CacheSettings getCache() {
        return cache;
    }

    public RateLimitSettings getRateLimit() {
        return rateLimit;
    }

    public DataSourceFactory getDatabase() {
        return database;
    }

    public String getSchema() {
        return schema;
    }

    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    public KafkaFactory getKafka() {
        return kafka;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public AuthSettings getAuth() {
        return auth;
    }

    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    public GenerationSettings getGeneration() {
        return generation;
    }

    public Duration getCatalogRefresh() {
        return catalogRefresh;
    }
}
