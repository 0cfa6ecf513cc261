package dev.llmgateway.cli.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.llmgateway.cli.input.ParsedLine.Job;
import dev.llmgateway.cli.input.ParsedLine.Rejected;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.kafka.JsonErrors;
import dev.llmgateway.core.message.GenerationRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one non-blank line of a batch input file into a job, or into a rejection whose message
 * starts with {@code line <number>: } and says what to fix. Stateless and thread-safe.
 */
public final class LineParser {
    /** The prefix of every rejection: results of rejected lines are recognised by it on a rerun. */
    public static final String REJECTION_PREFIX = "line ";

    private final JobDefaults defaults;

    public LineParser(JobDefaults defaults) {
        this.defaults = defaults;
    }

    public ParsedLine parse(int lineNumber, String text) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return reject(lineNumber, LineIds.derive(lineNumber, text), JsonErrors.describe(e));
        }
        if (node == null || !node.isObject()) {
            return reject(lineNumber, LineIds.derive(lineNumber, text), "expected a JSON object, got " + kindOf(node));
        }
        String id;
        JsonNode idNode = node.get("id");
        if (idNode == null || idNode.isNull()) {
            id = LineIds.derive(lineNumber, text);
        } else if (!idNode.isTextual() && !idNode.isIntegralNumber()) {
            return reject(lineNumber, LineIds.derive(lineNumber, text),
                    "\"id\" must be a string or an integer, got " + kindOf(idNode));
        } else if (idNode.asText().isBlank()) {
            return reject(lineNumber, LineIds.derive(lineNumber, text), "\"id\" is empty");
        } else {
            id = idNode.asText();
        }
        InputLine line;
        try {
            line = Json.mapper().treeToValue(node, InputLine.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return reject(lineNumber, id, describe(e));
        }
        boolean hasPrompt = line.prompt() != null && !line.prompt().isEmpty();
        boolean hasMessages = line.messages() != null && !line.messages().isEmpty();
        if (!hasPrompt && !hasMessages) {
            return reject(lineNumber, id, "needs a non-empty \"prompt\" or \"messages\" (fields found: "
                    + fieldsOf(node) + ")");
        }
        if (hasPrompt && hasMessages) {
            return reject(lineNumber, id, "has both \"prompt\" and \"messages\"; give one of them");
        }
        try {
            GenerationRequest request = GenerationRequest.builder(id, or(line.userId(), defaults.userId()),
                            or(line.service(), defaults.service()))
                    .prompt(hasPrompt ? line.prompt() : null)
                    .messages(hasMessages ? line.messages() : null)
                    .system(line.system())
                    .provider(or(line.provider(), defaults.provider()))
                    .model(or(line.model(), defaults.model()))
                    .maxTokens(line.maxTokens())
                    .temperature(line.temperature())
                    .metadata(line.metadata())
                    .build();
            return new Job(lineNumber, id, request);
        } catch (IllegalArgumentException e) {
            return reject(lineNumber, id, e.getMessage());
        }
    }

    /** A rejection of line {@code lineNumber}, its message prefixed as every rejection's is. */
    public static Rejected reject(int lineNumber, String id, String problem) {
        return new Rejected(lineNumber, id, REJECTION_PREFIX + lineNumber + ": " + problem);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String describe(Exception e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            if (e instanceof ValueInstantiationException && e.getCause() != null) {
                return path + ": " + e.getCause().getMessage();
            }
            if (mapping.getOriginalMessage().startsWith("Missing required creator property")) {
                return path + " is required";
            }
            return path + ": " + firstLine(mapping.getOriginalMessage());
        }
        return JsonErrors.describe(e);
    }

    private static String firstLine(String text) {
        int cut = text.indexOf('\n');
        return cut >= 0 ? text.substring(0, cut) : text;
    }

    private static String kindOf(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.isTextual() ? "a string" : node.isNumber() ? "a number" : "a boolean";
    }

    private static String fieldsOf(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
