package dev.llmgateway.core.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocol a provider speaks. {@code custom} is any OpenAI-compatible server. */
public enum ProviderType {
    ANTHROPIC, OPENAI, CUSTOM, MOCK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProviderType fromWire(String value) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("type must be one of " + names() + ", got '" + value + "'"));
    }

    public static String names() {
        return Arrays.stream(values()).map(ProviderType::wireName).collect(Collectors.joining(", "));
    }
}
