package dev.llmgateway.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.RawHttp;
import dev.llmgateway.api.support.RawHttp.Exchange;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests that fail before any resource runs (not valid HTTP, a head over the limit, a refused
 * method, a body that cannot be read) still get the API's error shape and a 4xx, never Jetty's HTML
 * page, an empty body or a 500.
 */
class ProtocolErrorsIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static final String GENERATE = "{\"user_id\": \"u\", \"service\": \"s\", \"prompt\": \"hello\"}";

    private static GatewayHarness gateway;
    private static int port;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
        port = URI.create(gateway.api().baseUrl()).getPort();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void answersARequestWithoutHostInTheErrorShape() {
        Exchange answer = send("GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertError(answer, 400, "bad_request");
        assertThat(message(answer)).isEqualTo("No Host");
    }

    @Test
    void answersAPathThatIsNotUtf8InTheErrorShape() {
        assertError(send(get("/api/v1/usage/users/x%E2%82")), 400, "bad_request");
    }

    @Test
    void answersARequestLineWithoutAnHttp11VersionWith400NotA5xx() {
        for (String requestLine : List.of("GET /api/v1/health HTTP/1.2", "GET /api/v1/health HTTP/1.1x",
                "GET /api/v1/health HTTP/01.1", "GET /api/v1/health", "GET /api/v1/overrides/a\nb HTTP/1.1")) {
            Exchange answer = send(requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertError(answer, 400, "bad_request");
        }
    }

    @Test
    void answersAHeadOverTheLimitInTheErrorShape() {
        Exchange answer = send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertError(answer, 431, "headers_too_large");
    }

    @Test
    void answersAMethodTheServerRefusesInTheErrorShape() {
        for (String method : new String[] {"PROPFIND", "TRACE", "FOO"}) {
            ApiResponse response = gateway.admin().send("/api/v1/providers", method, null, Map.of());

            assertThat(response.status()).as(method).isEqualTo(405);
            assertThat(response.header("Content-Type")).as(method).startsWith("application/json");
            assertThat(response.errorType()).as(method).isEqualTo("method_not_allowed");
        }
    }

    @Test
    void answersAContentTypeJerseyCannotParseInTheErrorShape() {
        String request = post("Content-Length: " + GENERATE.length()).replace("application/json", ";;;") + GENERATE;

        assertError(send(request), 400, "bad_request");
    }

    @Test
    void answersABodyThatEndsBeforeItsContentLengthWith400() {
        String request = post("Content-Length: " + (GENERATE.length() + 50)) + GENERATE;

        assertError(RawHttp.exchange(port, request.getBytes(StandardCharsets.UTF_8), true, false, Duration.ofSeconds(20)),
                400, "invalid_json");
    }

    @Test
    void answersABadChunkSizeWith400() {
        assertError(send(post("Transfer-Encoding: chunked") + "zz\r\n" + GENERATE + "\r\n0\r\n\r\n"), 400, "invalid_json");
    }

    @Test
    void answersABodyThatIsNotValidGzipWith400() {
        String request = post("Content-Encoding: gzip\r\nContent-Length: " + GENERATE.length()) + GENERATE;

        assertError(send(request), 400, "invalid_json");
    }

    @Test
    void answersAGzipBodyThatInflatesPastTheLimitWith413() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(zipped)) {
            zip.write(("{\"prompt\": \"" + "a".repeat(4 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        byte[] head = post("Content-Encoding: gzip\r\nContent-Length: " + zipped.size()).getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[head.length + zipped.size()];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(zipped.toByteArray(), 0, request, head.length, zipped.size());

        assertError(RawHttp.exchange(port, request, false, false, Duration.ofSeconds(20)), 413, "payload_too_large");
    }

    @Test
    void keepsTheConnectionUsableAfterAnsweringWithoutReadingTheBody() {
        String over = "x".repeat(1024 * 1024);
        String under = "y".repeat(60 * 1024);
        for (String[] refused : new String[][] {{over, GatewayHarness.SERVICE_KEY, "413"}, {under, "wrong", "401"},
                {under, GatewayHarness.SERVICE_KEY, "403"}}) {
            List<Exchange> answers = refuseThenAsk("POST /api/v1/providers", refused[1], refused[0]);

            assertThat(answers).as(refused[2]).extracting(Exchange::status).containsExactly(Integer.parseInt(refused[2]), 200);
            assertThat(answers.get(0).header("Connection")).as(refused[2]).isNull();
        }
    }

    @Test
    void saysItClosesTheConnectionWhenJettyRefusesARequestWithABodyBeforeAnyResource() {
        for (String refused : new String[] {"PROPFIND /api/v1/providers", "PUT /api/v1/providers/a%2Fb",
                "PUT /api/v1/providers/a%5Cb", "GET /api/v1//providers", "PATCH /api/v1/providers/a%00b",
                "POST /%2e%2e/%2e%2e/etc/passwd"}) {
            List<Exchange> answers = refuseThenAsk(refused, GatewayHarness.ADMIN_KEY, "x".repeat(1024));

            if (answers.get(1).status() != 200) {
                assertThat(answers.get(0).header("Connection")).as(refused).isEqualTo("close");
            }
        }
    }

    /** Sends a request with a body the server will not read, then a second request on the same connection. */
    private static List<Exchange> refuseThenAsk(String requestLine, String key, String body) {
        String first = requestLine + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        String second = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        return RawHttp.exchangeAll(port, (first + second).getBytes(StandardCharsets.ISO_8859_1), 2, Duration.ofSeconds(20));
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GatewayHarness.SERVICE_KEY
                + "\r\nConnection: close\r\n\r\n";
    }

    private static String post(String framing) {
        return "POST /api/v1/generate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GatewayHarness.SERVICE_KEY
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\nConnection: close\r\n\r\n";
    }

    private static Exchange send(String request) {
        return RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), false, false, Duration.ofSeconds(20));
    }

    private static void assertError(Exchange answer, int status, String type) {
        assertThat(answer.failure()).isNull();
        assertThat(answer.status()).as(answer.bodyText()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode error = json(answer).path("error");
        assertThat(error.path("type").asText()).as(answer.bodyText()).isEqualTo(type);
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception", "org.", "java.");
    }

    private static String message(Exchange answer) {
        return json(answer).path("error").path("message").asText();
    }

    private static JsonNode json(Exchange answer) {
        try {
            return Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.bodyText(), e);
        }
    }
}
