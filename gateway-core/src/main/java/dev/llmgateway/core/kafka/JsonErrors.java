package dev.llmgateway.core.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Jackson's exceptions into one line a person can act on, without echoing the payload and
 * without Java type names: {@code max_tokens: must be an integer}, not Jackson's
 * {@code Cannot deserialize value of type `java.lang.Integer` from String "many"}.
 */
public final class JsonErrors {
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");
    private static final Pattern FEATURE_HINT = Pattern.compile("[:;,]?\\s*(?:from `[^`]*`|enable `[^`]*` to allow.*)");

    private JsonErrors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return at(vie, plain(vie.getCause().getMessage()));
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                return "too large: " + plain(limit.getOriginalMessage());
            }
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return mismatch(mismatch);
        }
        if (e instanceof JsonMappingException mapping) {
            String what = mapping.getOriginalMessage();
            if (what != null && what.startsWith("No fallback setter/field defined for creator property")) {
                return at(mapping, "is given more than once");
            }
            return at(mapping, plain(what));
        }
        if (e instanceof JsonProcessingException jpe) {
            return "malformed JSON: " + plain(jpe.getOriginalMessage());
        }
        return plain(e.getMessage());
    }

    private static String mismatch(MismatchedInputException e) {
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (what.startsWith("Trailing token")) {
            return "unexpected content after the JSON value";
        }
        if (what.startsWith("No content to map")) {
            return "no JSON value (empty input)";
        }
        if (what.startsWith("Missing required creator property") || e.getTargetType().isEnum()) {
            return at(e, plain(what));
        }
        String expected = expected(e.getTargetType());
        return e.getPath().isEmpty() ? "the body must be " + expected : at(e, "must be " + expected);
    }

    private static String at(JsonMappingException e, String what) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? what : path + ": " + what;
    }

    /** What a JSON value must be to become a {@code type}, in JSON's words. */
    static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == Byte.class || type == byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (type == java.time.LocalDate.class) {
            return "an ISO-8601 date";
        }
        if (type.getName().startsWith("java.time.")) {
            return "an ISO-8601 date and time";
        }
        return "an object";
    }

    /** Jackson's text without its hints about Jackson's own settings, backticks and package names. */
    static String plain(String message) {
        if (message == null) {
            return "invalid";
        }
        int cut = message.indexOf('\n');
        String line = cut >= 0 ? message.substring(0, cut) : message;
        line = FEATURE_HINT.matcher(line).replaceAll("");
        return QUALIFIED_NAME.matcher(line.replace("`", "")).replaceAll("$1").trim();
    }
}
