package dev.llmgateway.api.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One generated request: either a method, target, headers and body that a client may try to send
 * as they are, or, when {@link #raw} is set, exact bytes for a socket (broken framing, bytes no
 * client library writes). {@code kind} says which mutation made it, for the figures and for
 * reproducing one case.
 */
record HostileRequest(int index, Endpoint endpoint, String kind, String method, String target,
        List<Map.Entry<String, String>> headers, byte[] body, byte[] raw) {

    boolean isHead() {
        return "HEAD".equalsIgnoreCase(method);
    }

    /** The request as HTTP/1.1 bytes, each character of the head as one byte, closing after the answer. */
    byte[] toBytes() {
        if (raw != null) {
            return raw;
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(latin1(head.toString()));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return bytes.toByteArray();
    }

    /** Characters up to U+00FF as one byte each; any other as its UTF-8 bytes, as a careless client writes. */
    static byte[] latin1(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0xff) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        String shownBody = body == null ? "" : " body=" + preview(new String(body, StandardCharsets.UTF_8));
        String shownRaw = raw == null ? "" : " raw=" + preview(new String(raw, StandardCharsets.ISO_8859_1));
        return "#" + index + " [" + kind + "] " + method + " " + preview(target) + " headers=" + preview(headers.toString())
                + shownBody + shownRaw;
    }

    private static String preview(String text) {
        String escaped = text.codePoints().limit(300).collect(StringBuilder::new,
                (b, c) -> b.append(c < 0x20 || c >= 0x7f ? String.format("\\u{%x}", c) : Character.toString(c)),
                StringBuilder::append).toString();
        return text.length() > 300 ? escaped + "…(" + text.length() + " chars)" : escaped;
    }
}
