package dev.llmgateway.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.core.kafka.Topic;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.DailyUsageKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's topic examples are what batch producers copy: each must read with its topic's serde
 * (a reply topic's chunk example, marked {@code message-type=chunk}, with the chunks' serde).
 */
class ReadmeExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```json topic=(\\S+( message-type=chunk)?)\\n(.*?)```",
            Pattern.DOTALL);
    private static final Map<String, Topic<?, ?>> TOPICS = Map.of(
            Topics.REQUESTS.name(), Topics.REQUESTS,
            Topics.RESULTS.name(), Topics.RESULTS,
            Topics.RESULTS.name() + " message-type=chunk", Topics.CHUNKS,
            Topics.USAGE.name(), Topics.USAGE,
            Topics.USAGE_DAILY.name(), Topics.USAGE_DAILY);

    @Test
    void everyTopicExampleInTheReadmeParsesWithItsTopicsSerde() throws IOException {
        Map<String, String> examples = examples();

        assertThat(examples).containsOnlyKeys(TOPICS.keySet());
        examples.forEach((topic, json) -> {
            Object value = TOPICS.get(topic).valueSerde().deserializer()
                    .deserialize(topic, json.getBytes(StandardCharsets.UTF_8));
            assertThat(value).as(topic).isNotNull();
        });
    }

    @Test
    void dailyUsageExampleAlsoReadsAsItsKey() throws IOException {
        byte[] json = examples().get(Topics.USAGE_DAILY.name()).getBytes(StandardCharsets.UTF_8);

        DailyUsage value = Topics.USAGE_DAILY.valueSerde().deserializer().deserialize("t", json);
        DailyUsageKey key = Topics.USAGE_DAILY.keySerde().deserializer().deserialize("t", json);

        assertThat(key).isEqualTo(value.key());
    }

    private static Map<String, String> examples() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            examples.put(m.group(1), m.group(3));
        }
        return examples;
    }
}
