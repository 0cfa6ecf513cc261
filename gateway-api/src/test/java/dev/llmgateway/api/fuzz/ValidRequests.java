package dev.llmgateway.api.fuzz;

import static dev.llmgateway.api.fuzz.HostileValues.pick;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;

/** The valid request each hostile one starts from: a path parameter and a body per endpoint. */
final class ValidRequests {
    /** The provider every valid generation names; no fuzzed path parameter can reach it. */
    static final String PROVIDER = "fuzz-mock";
    /** A disabled provider the admin endpoints may read, change and delete. */
    static final String VICTIM = "victim";
    /** An API key sent in fuzzed provider bodies: write-only, so no response may contain it. */
    static final String SECRET = "sk-fuzz-secret-k3y-9911";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ValidRequests() {
    }

    static String param(Endpoint endpoint, SplittableRandom random) {
        return switch (endpoint.path().substring(0, endpoint.path().lastIndexOf('/') + 1)) {
            case "/api/v1/jobs/" -> random.nextBoolean() ? "gen_" + Long.toHexString(random.nextLong()) : "job-1";
            case "/api/v1/usage/users/" -> "fuzz-user";
            case "/api/v1/providers/" -> pick(random, List.of(VICTIM, "fz-1", "fz-2", "no-such-provider"));
            case "/api/v1/overrides/" -> Integer.toString(random.nextInt(1, 40));
            case "/v1/models/" -> pick(random, List.of(PROVIDER + "/mock-1", "auto", "mock-1", "nope/nope"));
            default -> "x";
        };
    }

    static ObjectNode body(Endpoint endpoint, SplittableRandom random) {
        return switch (endpoint.body()) {
            case NONE -> null;
            case GENERATE -> generate(random);
            case CHAT -> chat(random);
            case PROVIDER -> provider(random);
            case PROVIDER_PATCH -> {
                ObjectNode patch = JSON.objectNode();
                patch.put("priority", 500 + random.nextInt(100));
                patch.put("display_name", "patched");
                yield patch;
            }
            case OVERRIDE -> {
                ObjectNode override = JSON.objectNode();
                override.put("user_id", "fuzz-user-" + random.nextInt(20));
                override.put("service_name", random.nextBoolean() ? null : "fuzz");
                override.put("provider_name", PROVIDER);
                override.put("model_name", "mock-1");
                yield override;
            }
        };
    }

    private static ObjectNode generate(SplittableRandom random) {
        ObjectNode request = JSON.objectNode();
        request.put("user_id", "fuzz-user");
        request.put("service", "fuzz");
        if (random.nextBoolean()) {
            request.put("prompt", "hello fuzz");
        } else {
            request.putArray("messages").addObject().put("role", "user").put("content", "hello fuzz");
            request.put("system", "be brief");
        }
        request.put("provider", PROVIDER);
        request.put("model", "mock-1");
        request.put("max_tokens", 20);
        request.put("temperature", 0.5);
        request.put("cache", true);
        request.put("timeout_ms", 15_000); // a stuck job answers 504 well before the sender gives up
        request.putObject("metadata").put("k", "v");
        return request;
    }

    private static ObjectNode chat(SplittableRandom random) {
        ObjectNode request = JSON.objectNode();
        request.put("model", PROVIDER + "/mock-1");
        request.put("user", "fuzz-user");
        request.putArray("messages").addObject().put("role", "user").put("content", "hello fuzz");
        request.put("max_tokens", 20);
        request.put("temperature", 0.2);
        boolean stream = random.nextInt(4) == 0;
        request.put("stream", stream);
        if (stream) {
            request.putObject("stream_options").put("include_usage", true);
        }
        return request;
    }

    private static ObjectNode provider(SplittableRandom random) {
        ObjectNode request = JSON.objectNode();
        request.put("name", "fz-" + random.nextInt(1, 4));
        request.put("type", "mock");
        request.put("display_name", "Fuzzed");
        request.putNull("base_url");
        request.put("api_key", SECRET);
        request.putArray("models").add("mock-1");
        request.put("default_model", "mock-1");
        request.put("is_enabled", random.nextBoolean());
        request.put("priority", 500 + random.nextInt(100));
        request.putNull("rate_limit_rpm");
        request.put("timeout_ms", 5000);
        request.put("max_retries", 0);
        return request;
    }
}
