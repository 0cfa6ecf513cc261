package dev.llmgateway.api.fuzz;

import dev.llmgateway.api.support.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a {@link HostileRequest} the way a caller would: through the JDK's HTTP client, which keeps
 * a few pooled connections alive between requests, or over a fresh socket when the request has
 * raw bytes or the client refuses to send it (restricted headers, control characters, a target
 * that is no URI). Every send ends within {@code timeout}; a late answer counts as a hang.
 */
final class HostileSender {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;
    private final Duration timeout;

    HostileSender(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    Answer send(HostileRequest request) {
        if (request.raw() == null) {
            HttpRequest built = build(request);
            if (built != null) {
                return viaClient(built);
            }
        }
        RawHttp.Exchange exchange = RawHttp.exchange(port, request.toBytes(), true, request.isHead(), timeout);
        return new Answer("socket", exchange.status(), exchange.headers(), exchange.body(), exchange.failure());
    }

    /** The request for the JDK client, or null when it refuses to build it. */
    private HttpRequest build(HostileRequest request) {
        if (!request.target().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return null; // the client fails inside its own encoder on some of these (a lone surrogate)
        }
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.target()))
                    .timeout(timeout)
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(h -> builder.header(h.getKey(), h.getValue()));
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException refused) {
            return null;
        }
    }

    private Answer viaClient(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
            return new Answer("client", response.statusCode(), headers, response.body(), null);
        } catch (HttpTimeoutException e) {
            return new Answer("client", -1, Map.of(), new byte[0], "no response within " + timeout.toMillis() + " ms (hang)");
        } catch (IOException e) {
            return new Answer("client", -1, Map.of(), new byte[0], "connection failed before the response: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer("client", -1, Map.of(), new byte[0], "interrupted");
        }
    }

    /** What came back; {@code failure} says why nothing did. Header names are lower case. */
    record Answer(String via, int status, Map<String, String> headers, byte[] body, String failure) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
