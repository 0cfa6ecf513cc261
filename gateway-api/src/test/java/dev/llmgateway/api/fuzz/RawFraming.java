package dev.llmgateway.api.fuzz;

import static dev.llmgateway.api.fuzz.HostileValues.pick;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Damage only a socket can do to a request: bytes no HTTP client writes in the request line and
 * headers, heads over the limits, and contradicting or broken body framing.
 */
final class RawFraming {
    private RawFraming() {
    }

    static HostileRequest damage(HostileRequest plain, SplittableRandom random) {
        byte[] body = plain.body() == null ? new byte[0] : plain.body();
        String line = plain.method() + " " + plain.target() + " HTTP/1.1";
        StringBuilder head = new StringBuilder();
        plain.headers().forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        String headers = head.toString();
        String kind;
        String request;
        byte[] sentBody = body;
        switch (random.nextInt(18)) {
            case 0 -> {
                kind = "raw-header-value";
                request = line + "\r\nHost: x\r\n" + headers + pick(random, HostileValues.HEADER_NAMES) + ": "
                        + pick(random, HostileValues.RAW_HEADER_VALUES) + "\r\n" + length(body) + "\r\n";
            }
            case 1 -> {
                kind = "raw-header-name";
                request = line + "\r\nHost: x\r\n" + headers + pick(random, List.of("X Bad", "X\u0000Y", "\u00e9t\u00e9",
                        "", "X-Bad\t", "(x)", "X:Y", "\u00ff")) + ": 1\r\n" + length(body) + "\r\n";
            }
            case 2 -> {
                kind = "raw-huge-header";
                request = line + "\r\nHost: x\r\n" + headers + "X-Big: " + "b".repeat(random.nextInt(9_000, 40_000))
                        + "\r\n" + length(body) + "\r\n";
            }
            case 3 -> {
                kind = "raw-many-headers";
                StringBuilder many = new StringBuilder();
                int count = random.nextInt(500, 3000);
                for (int i = 0; i < count; i++) {
                    many.append("X-H").append(i).append(": ").append(i).append("\r\n");
                }
                request = line + "\r\nHost: x\r\n" + headers + many + length(body) + "\r\n";
            }
            case 4 -> {
                kind = "raw-long-target";
                request = plain.method() + " " + plain.target() + "?q=" + "a".repeat(random.nextInt(9_000, 70_000))
                        + " HTTP/1.1\r\nHost: x\r\n" + headers + length(body) + "\r\n";
            }
            case 5 -> {
                kind = "raw-length-and-chunked";
                request = line + "\r\nHost: x\r\n" + headers + length(body) + "Transfer-Encoding: chunked\r\n\r\n";
                sentBody = chunked(body);
            }
            case 6 -> {
                kind = "raw-bad-length";
                request = line + "\r\nHost: x\r\n" + headers + pick(random, List.of("Content-Length: -1\r\n",
                        "Content-Length: abc\r\n", "Content-Length: 99999999999999999999\r\n", "Content-Length: 1, 2\r\n",
                        "Content-Length: 3\r\nContent-Length: 4\r\n", "Content-Length: +5\r\n", "Content-Length: 0x10\r\n",
                        "Content-Length:\r\n")) + "\r\n";
            }
            case 7 -> {
                kind = "raw-short-body";
                request = line + "\r\nHost: x\r\n" + headers + "Content-Length: " + (body.length + random.nextInt(1, 5000))
                        + "\r\n\r\n";
            }
            case 8 -> {
                kind = "raw-bad-chunks";
                request = line + "\r\nHost: x\r\n" + headers + "Transfer-Encoding: chunked\r\n\r\n";
                sentBody = (pick(random, List.of("zz\r\n", "-1\r\n", "ffffffffffffffff\r\n", "5;" + "e".repeat(9000) + "\r\n",
                        "3\r\nabcdef\r\n", "1\r\na", "0\r\nTrailer\u0000: x\r\n\r\n", "\r\n"))
                        + new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 9 -> {
                kind = "raw-transfer-encoding";
                request = line + "\r\nHost: x\r\n" + headers + "Transfer-Encoding: " + pick(random, List.of("gzip",
                        "chunked, identity", "xchunked", "identity", "chunked\r\nTransfer-Encoding: chunked", " chunked",
                        "gzip, chunked")) + "\r\n\r\n";
                sentBody = chunked(body);
            }
            case 10 -> {
                kind = "raw-version";
                request = plain.method() + " " + plain.target() + pick(random, List.of(" HTTP/2.0", " HTTP/1.2", "",
                        " HTTP/9.9", " HTTP/1.1x", " http/1.1", " HTTP/1.1 extra", " HTTP/01.1", " HTTP/1.10"))
                        + "\r\nHost: x\r\n" + headers + length(body) + "\r\n";
            }
            case 11 -> {
                kind = "raw-host";
                request = line + "\r\n" + pick(random, List.of("", "Host: a\r\nHost: b\r\n", "Host: " + HostileValues.string(random)
                        + "\r\n", "Host: [::1\r\n", "Host: x:99999\r\n", "Host: evil.example\r\n")) + headers + length(body) + "\r\n";
            }
            case 12 -> {
                kind = "raw-bare-lf";
                request = (line + "\r\nHost: x\r\n" + headers + length(body) + "\r\n").replace("\r\n", "\n");
            }
            case 13 -> {
                kind = "raw-obs-fold";
                request = line + "\r\nHost: x\r\nX-Folded: a\r\n  b\r\n\tc\r\n" + headers + length(body) + "\r\n";
            }
            case 14 -> {
                kind = "raw-target";
                request = plain.method() + " " + pick(random, List.of("http://evil.example" + plain.target(), "*",
                        "127.0.0.1:80", "/api/v1/../../etc/passwd", "/api/v1/generate\u0000", "/api v1/health",
                        "/api/v1/usage/users/\u00e9\u00ff", "/api/v1/\u007f", "api/v1/health", "/api/v1/health#x",
                        "/%", "/api/v1/usage/users/%E2%82", "//api/v1/health", "/api/v1/./health/../health"))
                        + " HTTP/1.1\r\nHost: x\r\n" + headers + length(body) + "\r\n";
            }
            case 15 -> {
                kind = "raw-request-line";
                request = pick(random, List.of(plain.method().toLowerCase(java.util.Locale.ROOT) + " " + plain.target()
                        + " HTTP/1.1", plain.method() + "  " + plain.target() + "  HTTP/1.1", plain.method() + "\t"
                        + plain.target() + "\tHTTP/1.1", " " + line, plain.method() + "\u0000 " + plain.target() + " HTTP/1.1",
                        "GET", "\u00ff\u00fe\u00fd")) + "\r\nHost: x\r\n" + headers + length(body) + "\r\n";
            }
            case 16 -> {
                kind = "raw-expect";
                request = line + "\r\nHost: x\r\n" + headers + "Expect: " + pick(random, List.of("100-continue", "junk",
                        "100-continue, 200-ok")) + "\r\n" + length(body) + "\r\n";
            }
            default -> {
                kind = "raw-random-bytes";
                byte[] noise = new byte[random.nextInt(1, 3000)];
                random.nextBytes(noise);
                return new HostileRequest(plain.index(), plain.endpoint(), kind, plain.method(), plain.target(),
                        plain.headers(), null, noise);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(HostileRequest.latin1(request));
        bytes.writeBytes(sentBody);
        return new HostileRequest(plain.index(), plain.endpoint(), kind, plain.method(), plain.target(),
                List.<Map.Entry<String, String>>copyOf(plain.headers()), plain.body(), bytes.toByteArray());
    }

    private static String length(byte[] body) {
        return "Content-Length: " + body.length + "\r\nConnection: close\r\n";
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        if (body.length > 0) {
            chunks.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.writeBytes(body);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunks.toByteArray();
    }
}
