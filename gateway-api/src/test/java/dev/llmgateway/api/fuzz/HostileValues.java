package dev.llmgateway.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fuzzer's dictionary: strings that look like attacks or break parsers, JSON values of every
 * wrong type, and the pieces of paths, queries and headers built from them. No number in it is (or
 * truncates to) a small positive integer, so a fuzzed {@code timeout_ms} never asks for a legitimate 504.
 */
final class HostileValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final List<String> STRINGS = List.of(
            "' OR '1'='1", "'; DROP TABLE provider_configs; --", "1; SELECT pg_sleep(30)--", "\" OR \"\"=\"",
            "admin'--", "$(reboot)", "`id`", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>",
            "{\"$gt\": \"\"}", "\"}, \"user_id\": \"admin", "a\r\nX-Injected: 1", "a\nb", "a\u0000b", "\u0000",
            "\u0007\u001b[31m", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd%00.json",
            "%2e%2e%2f%2e%2e%2f", "%00", "%ff%fe", "%", "%%", "%u0041", "%c0%af", "\u202egnp.exe", "\u200b",
            "\ufeff", "\uffff", "\ud800", "a\udfffb", "\ud83d\ude00", "Ω≈ç√∫", "𝕏𝕐ℤ", "ﷺ", "\u0130", "NaN", "null",
            "true", "[]", "{}", "-1", "1e999", "0x41", "", " ", "\t", "auto", "llm.requests", "gen_", "gen_../x",
            "*", "?", "#", "&", "=", ";", "/", "\\", "//", "\\u0000", "a".repeat(257), "x".repeat(5000),
            "\u00e9".repeat(300), "mock://?latency=0", "http://169.254.169.254/latest/meta-data/",
            "file:///etc/passwd", "javascript:alert(1)", "jar:file:/x!/y", "ftp://x", "http://[::1", "\\\\host\\share");

    private static final List<Number> NUMBERS = List.of(0, -1, -2147483648, 2147483648L, Long.MIN_VALUE,
            new BigInteger("99999999999999999999999999"), new BigDecimal("1e400"), new BigDecimal("-1e400"),
            new BigDecimal("1e-400"), new BigDecimal("-0.0"), new BigDecimal("3.14159e10"),
            new BigDecimal("-0.5"));

    static final List<String> METHODS = List.of("FOO", "TRACE", "PROPFIND", "OPTIONS", "HEAD", "MKCOL", "LOCK",
            "PATCH", "PUT", "DELETE", "POST", "GET", "CONNECT", "M".repeat(300));

    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=", "multipart/form-data", "application/json; charset=utf-16",
            "application/json; charset=nope", "application/json; charset=\"", ";;;", "application/json, text/plain",
            "*/*", "application/*", "application", "/", "application/json\u0000", "text/html; charset=utf-8",
            "application/octet-stream", "image/png", "APPLICATION/JSON", "application/json;;;;;;");

    static final List<String> HEADER_NAMES = List.of("X-Gateway-Service", "Accept", "Accept-Encoding",
            "Content-Encoding", "Accept-Charset", "Accept-Language", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Request-Id", "Cookie", "Origin", "Referer", "User-Agent", "X-Service-Key",
            "Range", "If-None-Match", "If-Modified-Since", "X-HTTP-Method-Override", "Forwarded", "TE", "Via",
            "X-Original-URL", "Authorization");

    /** Header values the JDK client refuses, or that break HTTP framing; sent over a raw socket. */
    static final List<String> RAW_HEADER_VALUES = List.of("a\r\nX-Injected: 1", "a\nX-Injected: 1", "a\rb", "a\u0000b",
            "\u00ff\u00fe", "é", "a\r\n\r\nGET /api/v1/health HTTP/1.1\r\nHost: x", "\u007f", " leading", "trailing ");

    private HostileValues() {
    }

    static String string(SplittableRandom random) {
        return random.nextInt(10) == 0 ? randomChars(random, 1 + random.nextInt(40)) : pick(random, STRINGS);
    }

    /** Any JSON value but a plausible one: hostile strings, wrong types, deep or odd structures. */
    static JsonNode value(SplittableRandom random) {
        return switch (random.nextInt(12)) {
            case 0, 1, 2, 3 -> JSON.textNode(string(random));
            case 4 -> number(random);
            case 5 -> JSON.booleanNode(random.nextBoolean());
            case 6 -> JSON.nullNode();
            case 7 -> JSON.arrayNode().add(string(random)).add(number(random));
            case 8 -> {
                ObjectNode object = JSON.objectNode();
                object.put(string(random), string(random));
                yield object;
            }
            case 9 -> nested(random.nextInt(2, 200));
            case 10 -> JSON.textNode(string(random).repeat(random.nextInt(1, 50)));
            default -> JSON.arrayNode();
        };
    }

    static JsonNode number(SplittableRandom random) {
        Number n = pick(random, NUMBERS);
        if (n instanceof BigDecimal d) {
            return JSON.numberNode(d);
        }
        if (n instanceof BigInteger i) {
            return JSON.numberNode(i);
        }
        return JSON.numberNode(n.longValue());
    }

    private static JsonNode nested(int depth) {
        ArrayNode root = JSON.arrayNode();
        ArrayNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    /** Characters from every plane, controls and surrogate halves included. */
    static String randomChars(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> random.nextInt(0x20, 0x7f);
                case 2 -> random.nextInt(0xd800, 0xe000);
                default -> random.nextInt(0x80, 0x10000);
            });
        }
        return text.toString();
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
