package dev.llmgateway.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmgateway.core.json.Json;
import jakarta.servlet.RequestDispatcher;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages in the API's error shape. Jetty answers by itself, before any resource, when a
 * request is not valid HTTP (bad request line, header or URI, no Host, framing it cannot read), has
 * a head over the limit, or uses a method the server refuses; its own pages are HTML, and empty
 * for methods other than GET, POST and HEAD. Its reason is kept when it is plain text, since it
 * tells the caller what to fix ("No Host", "Bad UTF-8 encoding"); never an exception's text.
 * Each of these answers says {@code Connection: close} when Jetty is about to close. A request line
 * whose version is not HTTP/1.x (or a target with a line break in it, which reads as HTTP/0.9) is
 * answered 400, not Jetty's 505: it is a malformed request, and no server error.
 */
public final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        int status = cause instanceof HttpException http ? http.getCode() : response.getStatus();
        String reason = reason(request, cause);
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            // a request line without a valid HTTP/1.x version is the caller's malformed request, not a server failure
            status = HttpStatus.BAD_REQUEST_400;
            reason = "Unsupported HTTP version";
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (cause instanceof HttpException || request.getLength() > 0
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            // Jetty closes the connection after a request that is not valid HTTP, or whose body it
            // refused to read, but does not always say so; a client that pools connections would
            // then send its next request into the closed one.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        byte[] body = body(status, reason);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String reason(Request request, Throwable cause) {
        if (cause instanceof HttpException http && http.getReason() != null) {
            return http.getReason();
        }
        if (request.getAttribute(ERROR_MESSAGE) instanceof String message) {
            return message;
        }
        return request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message ? message : null;
    }

    private static byte[] body(int status, String reason) {
        try {
            return Json.mapper().writeValueAsBytes(ApiError.of(ErrorTypes.type(status), ErrorTypes.plainOr(reason, status)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }
}
