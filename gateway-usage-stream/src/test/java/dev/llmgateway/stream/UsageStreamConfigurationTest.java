package dev.llmgateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;

/** The shipped {@code config/usage-stream.yml} parses, validates and means what it says. */
class UsageStreamConfigurationTest {

    @Test
    void readsTheShippedConfigurationWithItsDefaults() throws Exception {
        UsageStreamConfiguration config = new YamlConfigurationFactory<>(UsageStreamConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false)), "../config/usage-stream.yml");

        UsageStreamSettings settings = config.getUsageStream();
        assertThat(settings.getApplicationId()).isEqualTo("gateway-usage-stream");
        assertThat(settings.getSinkGroupId()).isEqualTo("gateway-usage-sink");
        assertThat(settings.getDedupRetention()).isEqualTo(Duration.days(7));
        assertThat(settings.getSinkRetryMax()).isEqualTo(Duration.seconds(30));
        assertThat(config.getKafka().getBootstrapServers()).isNotBlank();
        assertThat(config.getDatabase().getUrl()).startsWith("jdbc:postgresql:");
    }
}
