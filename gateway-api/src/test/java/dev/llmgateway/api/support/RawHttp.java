package dev.llmgateway.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client would send: invalid bytes in
 * the request line or headers, contradicting framing, truncated bodies. Reads exactly one response
 * (skipping {@code 1xx}), framed by {@code Content-Length}, chunked encoding or the end of the stream.
 */
public final class RawHttp {
    private static final int MAX_RESPONSE = 4 * 1024 * 1024;

    private RawHttp() {
    }

    /**
     * Sends {@code request} and reads the answer. With {@code halfClose} the socket's output is shut
     * after sending, so a server waiting for more of a truncated request sees its end at once.
     */
    public static Exchange exchange(int port, byte[] request, boolean halfClose, boolean head, Duration timeout) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            String writeFailure = write(socket, request, halfClose);
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            try {
                return readResponse(in, head, started, writeFailure);
            } catch (SocketTimeoutException e) {
                return Exchange.failed("no response within " + timeout.toMillis() + " ms (hang)", started);
            } catch (SocketException e) {
                return Exchange.failed("connection reset while reading the response: " + e.getMessage()
                        + (writeFailure == null ? "" : " (after the write failed: " + writeFailure + ")"), started);
            } catch (EmptyResponse e) {
                return Exchange.failed("connection closed without a response"
                        + (writeFailure == null ? "" : " (after the write failed: " + writeFailure + ")"), started);
            }
        } catch (IOException e) {
            return Exchange.failed("I/O error: " + e, started);
        }
    }

    /**
     * Sends {@code requests} (several requests one after the other, as pipelining does) and reads
     * {@code count} responses from the same connection; a missing one is a failed exchange.
     */
    public static java.util.List<Exchange> exchangeAll(int port, byte[] requests, int count, Duration timeout) {
        long started = System.nanoTime();
        java.util.List<Exchange> answers = new java.util.ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            String writeFailure = write(socket, requests, false);
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            while (answers.size() < count) {
                try {
                    answers.add(readResponse(in, false, started, writeFailure));
                } catch (IOException e) {
                    answers.add(Exchange.failed("response " + (answers.size() + 1) + " missing: " + e, started));
                    return answers;
                }
            }
        } catch (IOException e) {
            answers.add(Exchange.failed("I/O error: " + e, started));
        }
        return answers;
    }

    /** Writes the request; a server may answer (413) and close before reading all of a big body. */
    private static String write(Socket socket, byte[] request, boolean halfClose) {
        try {
            OutputStream out = socket.getOutputStream();
            int chunk = 16 * 1024;
            for (int offset = 0; offset < request.length; offset += chunk) {
                out.write(request, offset, Math.min(chunk, request.length - offset));
            }
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Exchange readResponse(InputStream in, boolean head, long started, String writeFailure)
            throws IOException {
        while (true) {
            String statusLine = readLine(in, true);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                return Exchange.failed("not an HTTP status line: " + statusLine, started);
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return Exchange.failed("not an HTTP status line: " + statusLine, started);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            byte[] body = head || status == 204 || status == 304 ? new byte[0] : readBody(in, headers);
            return new Exchange(status, headers, decoded(headers.get("content-encoding"), body), null, elapsed(started),
                    writeFailure);
        }
    }

    /** The body as the server meant it: inflated if it says {@code Content-Encoding: gzip}. */
    public static byte[] decoded(String contentEncoding, byte[] body) throws IOException {
        if (!"gzip".equalsIgnoreCase(contentEncoding) || body.length == 0) {
            return body;
        }
        try (InputStream zipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return zipped.readAllBytes();
        }
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in, false);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (n == 0) {
                    while (!readLine(in, false).isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                body.write(readExactly(in, n));
                readLine(in, false);
            }
        }
        if (length != null) {
            return readExactly(in, Integer.parseInt(length.trim()));
        }
        return in.readNBytes(MAX_RESPONSE);
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new IOException("response body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private static String readLine(InputStream in, boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (first && line.size() == 0) {
                    throw new EmptyResponse();
                }
                throw new IOException("response ended inside a line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static long elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static final class EmptyResponse extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** One response, or why there was none. Header names are lower case. */
    public record Exchange(int status, Map<String, String> headers, byte[] body, String failure, long millis,
            String writeFailure) {
        public static Exchange failed(String why, long started) {
            return new Exchange(-1, Map.of(), new byte[0], why, elapsed(started), null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
