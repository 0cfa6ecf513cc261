package dev.llmgateway.api.errors;

import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.regex.Pattern;

/** The machine word and a default message for an HTTP status, for errors that carry neither. */
public final class ErrorTypes {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9 ,:;'=()/_-]{1,120}");
    private static final Pattern CODE_WORDS = Pattern.compile("(?i).*(exception|\\w+\\.\\w+\\.\\w+).*");

    private ErrorTypes() {
    }

    public static String type(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 411 -> "length_required";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 417 -> "expectation_failed";
            case 426 -> "upgrade_required";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /** The status's reason phrase in lower case, e.g. "method not allowed". */
    public static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String phrase = known != null ? known.getReasonPhrase() : org.eclipse.jetty.http.HttpStatus.getMessage(status);
        return phrase == null || phrase.isBlank() ? "request failed" : phrase.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code reason} if it is a short plain-text phrase of the server's ("No Host", "Bad UTF-8
     * encoding"), else the status's reason phrase: never an exception's text or a class name.
     */
    public static String plainOr(String reason, int status) {
        return reason != null && PLAIN.matcher(reason).matches() && !CODE_WORDS.matcher(reason).matches()
                && !reason.equals(Integer.toString(status)) ? reason : reason(status);
    }
}
