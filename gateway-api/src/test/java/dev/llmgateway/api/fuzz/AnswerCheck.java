package dev.llmgateway.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.fuzz.HostileSender.Answer;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.core.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * What a caller may get back for a hostile request: a 2xx where the request happened to be valid,
 * else a 4xx of API.md, or one Jetty answers for a request that is not valid HTTP, in the error
 * shape (the gateway's {@code {"error": {"type", "message"}}}, or OpenAI's under {@code /v1/},
 * which has both too). Never a 5xx, no answer, internals, a secret, or a header the caller injected.
 */
final class AnswerCheck {
    /** API.md's statuses, and those of HTTP itself that Jetty and Jersey answer before any resource. */
    static final Set<Integer> ALLOWED = Set.of(200, 201, 202, 204, 400, 401, 403, 404, 405, 406, 409, 411, 413, 414,
            415, 417, 422, 426, 429, 431);
    private static final List<String> INTERNALS = List.of("Exception", "com.fasterxml", "java.lang", "java.util",
            "org.eclipse", "org.glassfish", "org.postgresql", "org.apache", "\tat ", "SQLState");
    private static final List<String> SECRETS = List.of(GatewayHarness.ADMIN_KEY, GatewayHarness.SERVICE_KEY,
            GatewayHarness.PROVIDER_KEY, ValidRequests.SECRET);

    private AnswerCheck() {
    }

    /** Null when the answer is one a caller may get, else what is wrong with it. */
    static String problem(HostileRequest request, Answer answer) {
        if (answer.failure() != null) {
            return answer.failure();
        }
        if (!ALLOWED.contains(answer.status())) {
            return "status " + answer.status() + " is not a documented answer: " + answer.bodyText();
        }
        String text = answer.bodyText();
        for (String secret : SECRETS) {
            if (text.contains(secret) || answer.headers().toString().contains(secret)) {
                return "the answer shows a secret: " + text;
            }
        }
        if (answer.headers().containsKey("x-injected")) {
            return "a header the caller injected came back: " + answer.headers();
        }
        if (answer.status() < 400 || request.isHead()) {
            return null;
        }
        return errorShapeProblem(answer);
    }

    private static String errorShapeProblem(Answer answer) {
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "error " + answer.status() + " is " + type + ", not JSON: " + answer.bodyText();
        }
        JsonNode error;
        try {
            error = Json.mapper().readTree(answer.body()).path("error");
        } catch (IOException e) {
            return "error " + answer.status() + " is not valid JSON: " + answer.bodyText();
        }
        if (!error.path("type").isTextual() || error.path("type").asText().isBlank()
                || !error.path("message").isTextual() || error.path("message").asText().isBlank()) {
            return "error " + answer.status() + " lacks error.type or error.message: " + answer.bodyText();
        }
        for (String internal : INTERNALS) {
            if (answer.bodyText().contains(internal)) {
                return "error " + answer.status() + " shows internals (" + internal + "): " + answer.bodyText();
            }
        }
        return null;
    }
}
