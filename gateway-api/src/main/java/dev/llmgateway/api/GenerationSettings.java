package dev.llmgateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;

/** The {@code generation:} block: limits and defaults of the generation endpoints. */
public class GenerationSettings {
    @JsonProperty
    private Duration defaultTimeout = Duration.seconds(30);
    @JsonProperty
    private Duration maxTimeout = Duration.minutes(10);
    @JsonProperty
    private DataSize maxBodySize = DataSize.mebibytes(1);
    @JsonProperty
    @Min(1)
    private int maxPromptChars = 400_000;
    @JsonProperty
    @Min(1)
    private int maxTokensLimit = 200_000;

    public Duration getDefaultTimeout() {
        return defaultTimeout;
    }

    public void setDefaultTimeout(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    public Duration getMaxTimeout() {
        return maxTimeout;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public int getMaxPromptChars() {
        return maxPromptChars;
    }

    public void setMaxPromptChars(int maxPromptChars) {
        this.maxPromptChars = maxPromptChars;
    }

    public int getMaxTokensLimit() {
        return maxTokensLimit;
    }
}
