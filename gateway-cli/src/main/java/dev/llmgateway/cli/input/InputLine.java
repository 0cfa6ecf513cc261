package dev.llmgateway.cli.input;

import dev.llmgateway.core.message.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * One line of a batch input file as written, in the gateway's JSON dialect (snake_case, unknown
 * fields ignored). Every field is optional here; {@link LineParser} decides what a usable line is.
 */
record InputLine(
        String id,
        String prompt,
        List<ChatMessage> messages,
        String userId,
        String service,
        String system,
        Integer maxTokens,
        Double temperature,
        String provider,
        String model,
        Map<String, String> metadata) {
}
