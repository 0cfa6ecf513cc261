package dev.llmgateway.api.fuzz;

import static dev.llmgateway.api.fuzz.HostileValues.pick;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of malformed and hostile requests. Request {@code i} depends only on the seed
 * and {@code i}, so one failing case is reproduced by its seed and index whatever ran around it.
 * Endpoints take turns; each request is a valid one with one kind of damage: fields, path, query,
 * headers, content type, key, method, body bytes or HTTP framing ({@link RawFraming}).
 */
final class HostileRequests {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectWriter ESCAPING = Json.mapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private final long seed;

    HostileRequests(long seed) {
        this.seed = seed;
    }

    HostileRequest get(int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Endpoint endpoint = Endpoint.ALL.get(index % Endpoint.ALL.size());
        Draft draft = new Draft(endpoint, random);
        int roll = random.nextInt(100);
        String kind;
        if (roll < 5) {
            kind = "valid";
        } else if (roll < 35) {
            kind = draft.hostileFields();
        } else if (roll < 45) {
            kind = draft.hostilePath();
        } else if (roll < 53) {
            kind = draft.hostileQuery();
        } else if (roll < 63) {
            kind = draft.hostileBody();
        } else if (roll < 71) {
            kind = draft.hostileHeaders();
        } else if (roll < 76) {
            kind = draft.hostileContentType();
        } else if (roll < 83) {
            kind = draft.hostileKey();
        } else if (roll < 88) {
            kind = draft.hostileMethod();
        } else {
            HostileRequest plain = draft.build(index, "raw");
            return RawFraming.damage(plain, random);
        }
        return draft.build(index, kind);
    }

    /** A request under construction: starts valid, then one part is made hostile. */
    private static final class Draft {
        private final Endpoint endpoint;
        private final SplittableRandom random;
        private String method;
        private String path;
        private final List<String[]> query = new ArrayList<>();
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private ObjectNode json;
        private byte[] body;

        Draft(Endpoint endpoint, SplittableRandom random) {
            this.endpoint = endpoint;
            this.random = random;
            this.method = endpoint.method();
            this.path = endpoint.path().replace(Endpoint.PARAM, encode(ValidRequests.param(endpoint, random)));
            this.json = ValidRequests.body(endpoint, random);
            switch (endpoint.key()) {
                case SERVICE -> key("Bearer " + GatewayHarness.SERVICE_KEY);
                case ADMIN -> key("Bearer " + GatewayHarness.ADMIN_KEY);
                case NONE -> { }
            }
            if (endpoint.body() == Endpoint.Body.CHAT && random.nextBoolean()) {
                headers.add(Map.entry("X-Gateway-Service", "fuzz"));
            }
            if (endpoint.query() == Endpoint.Query.USAGE && random.nextBoolean()) {
                query.add(new String[] {"from", "2026-01-01"});
                query.add(new String[] {"to", "2026-12-31"});
            }
        }

        private void key(String value) {
            if (random.nextInt(4) == 0) {
                headers.add(Map.entry("X-Service-Key", value.substring("Bearer ".length())));
            } else {
                headers.add(Map.entry("Authorization", value));
            }
        }

        String hostileFields() {
            if (json == null) {
                return endpoint.hasParam() ? hostilePath() : hostileQuery();
            }
            int count = 1 + random.nextInt(3);
            List<String> names = new ArrayList<>();
            json.fieldNames().forEachRemaining(names::add);
            for (int i = 0; i < count; i++) {
                if (random.nextInt(8) == 0 || names.isEmpty()) {
                    json.set(HostileValues.string(random), HostileValues.value(random));
                } else if (random.nextInt(6) == 0) {
                    json.remove(pick(random, names));
                } else {
                    String name = pick(random, names);
                    json.set(name, name.equals("messages") ? hostileMessages() : HostileValues.value(random));
                }
            }
            return "fields";
        }

        private ArrayNode hostileMessages() {
            ArrayNode messages = JSON.arrayNode();
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                ObjectNode message = messages.addObject();
                message.set("role", random.nextBoolean() ? JSON.textNode("user") : HostileValues.value(random));
                message.set("content", HostileValues.value(random));
            }
            if (random.nextBoolean()) {
                messages.add(HostileValues.value(random));
            }
            return messages;
        }

        String hostilePath() {
            String hostile = HostileValues.string(random);
            if (endpoint.hasParam() && random.nextInt(4) != 0) {
                path = endpoint.path().replace(Endpoint.PARAM, random.nextInt(5) == 0 ? hostile : encode(hostile));
            } else {
                path = path + pick(random, List.of("/", "/..", "/../health", ";x=1", "%00", "%2f..%2f", "//",
                        "/" + encode(hostile), "/%2e%2e/%2e%2e/", "?", "#frag", "/.", "%20"));
            }
            return "path";
        }

        String hostileQuery() {
            List<String> names = switch (endpoint.query()) {
                case USAGE -> List.of("from", "to", "user_id", "service", "provider");
                case OVERRIDES -> List.of("user_id");
                case NONE -> List.of("user_id", "id", "callback", "stream");
            };
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                String name = random.nextInt(10) == 0 ? HostileValues.string(random) : pick(random, names);
                String value = random.nextInt(6) == 0 ? pick(random, List.of("2026-02-30", "+999999999-12-31",
                        "-0001-01-01", "20261301", "2026-1-1", "9999-12-31", "0000-00-00", "2026-11-24T00:00:00Z"))
                        : HostileValues.string(random);
                query.add(new String[] {name, value});
            }
            return "query";
        }

        String hostileBody() {
            json = null;
            body = switch (random.nextInt(9)) {
                case 0 -> randomBytes(random.nextInt(1, 2000));
                case 1 -> "[".repeat(random.nextInt(1000, 100_001)).getBytes(StandardCharsets.US_ASCII);
                case 2 -> "{\"a\":".repeat(random.nextInt(1000, 20_001)).getBytes(StandardCharsets.US_ASCII);
                case 3 -> invalidUtf8();
                case 4 -> truncated();
                case 5 -> wrongTopLevel();
                case 6 -> ("{\"prompt\": \"" + "a".repeat(random.nextInt(30_000, 200_000)) + "\"}").getBytes(StandardCharsets.US_ASCII);
                case 7 -> new byte[0];
                default -> ("{\"user_id\": \"a\", \"user_id\": \"b\", \"x\": NaN, \"y\": Infinity, \"z\": 01, 'q': 1,"
                        + " /* c */ \"w\": \"\\u0000\\ud800\"}").getBytes(StandardCharsets.US_ASCII);
            };
            if (body.length > 0 && !endpoint.method().equals("GET") || random.nextBoolean()) {
                headers.add(Map.entry("Content-Type", "application/json"));
            }
            return "body";
        }

        private byte[] invalidUtf8() {
            byte[] valid = serialized();
            byte[] broken = new byte[valid.length + 4];
            int at = random.nextInt(valid.length);
            System.arraycopy(valid, 0, broken, 0, at);
            byte[][] bad = {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xff},
                    {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80}};
            byte[] chosen = bad[random.nextInt(bad.length)];
            System.arraycopy(chosen, 0, broken, at, chosen.length);
            System.arraycopy(valid, at, broken, at + chosen.length, valid.length - at);
            return java.util.Arrays.copyOf(broken, valid.length + chosen.length);
        }

        private byte[] truncated() {
            byte[] valid = serialized();
            return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
        }

        private byte[] wrongTopLevel() {
            String text = pick(random, List.of("[]", "null", "42", "\"text\"", "true", "[{}]", "{}", "{\"\": {}}",
                    "1e99999", "-", "{\"a\" 1}", "{,}", "\uFEFF{}"));
            return text.getBytes(StandardCharsets.UTF_8);
        }

        String hostileHeaders() {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String name = random.nextInt(8) == 0 ? "X-" + HostileValues.randomChars(random, 5).replaceAll("[^A-Za-z]", "a")
                        : pick(random, HostileValues.HEADER_NAMES);
                String value = random.nextInt(8) == 0 ? "v".repeat(random.nextInt(4000, 7000)) : HostileValues.string(random);
                headers.add(Map.entry(name, value));
            }
            return "headers";
        }

        String hostileContentType() {
            if (json == null) {
                body = serialized();
            }
            headers.add(Map.entry("Content-Type", pick(random, HostileValues.CONTENT_TYPES)));
            return "content-type";
        }

        String hostileKey() {
            headers.removeIf(h -> h.getKey().equals("Authorization") || h.getKey().equals("X-Service-Key"));
            String name = random.nextBoolean() ? "Authorization" : "X-Service-Key";
            String value = switch (random.nextInt(7)) {
                case 0 -> "Bearer " + HostileValues.string(random);
                case 1 -> "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
                case 2 -> "Bearer " + GatewayHarness.SERVICE_KEY; // a service key on an admin endpoint: 403
                case 3 -> "Bearer " + GatewayHarness.ADMIN_KEY + " " + GatewayHarness.ADMIN_KEY;
                case 4 -> "bearer  " + GatewayHarness.ADMIN_KEY.toUpperCase(java.util.Locale.ROOT);
                case 5 -> "";
                default -> HostileValues.string(random);
            };
            if (random.nextInt(4) != 0) {
                headers.add(Map.entry(name, value));
            }
            return "key";
        }

        String hostileMethod() {
            method = pick(random, HostileValues.METHODS);
            if (random.nextInt(3) == 0 && body == null && json == null) {
                json = ValidRequests.body(endpoint, random) == null ? JSON.objectNode() : ValidRequests.body(endpoint, random);
            }
            return "method";
        }

        HostileRequest build(int index, String kind) {
            byte[] sent = body;
            if (sent == null && json != null) {
                sent = serialized();
                if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
                    headers.add(0, Map.entry("Content-Type", "application/json"));
                }
            }
            StringBuilder target = new StringBuilder(path);
            for (int i = 0; i < query.size(); i++) {
                target.append(i == 0 && path.indexOf('?') < 0 ? '?' : '&').append(encode(query.get(i)[0]));
                target.append('=').append(encode(query.get(i)[1]));
            }
            return new HostileRequest(index, endpoint, kind, method, target.toString(), List.copyOf(headers), sent, null);
        }

        private byte[] serialized() {
            ObjectNode value = json != null ? json : ValidRequests.body(endpoint, random) != null ? ValidRequests.body(endpoint, random) : JSON.objectNode();
            try {
                return random.nextBoolean() ? ESCAPING.writeValueAsBytes(value)
                        : Json.mapper().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

    }

    /** Percent-encodes every byte of the UTF-8 form but unreserved characters, as a URI allows. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
