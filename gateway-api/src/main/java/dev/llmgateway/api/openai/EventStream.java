package dev.llmgateway.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmgateway.core.json.Json;
import java.io.IOException;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * An open server-sent event stream: each event written is flushed to the client at once, from
 * the writing thread (Jersey holds no thread for it). A write to a client that has gone fails and
 * runs {@code onGone}, once.
 */
final class EventStream extends ChunkedOutput<String> {
    private final Runnable onGone;
    private volatile boolean gone;

    EventStream(Runnable onGone) {
        super(String.class, new byte[0]);
        this.onGone = onGone;
    }

    /** {@code data: <json>} for each event, in one write; false when the client has gone. */
    boolean data(Object... events) {
        return send(text(events));
    }

    /** The events, then {@code data: [DONE]}, in one write; false when the client has gone. */
    boolean dataThenDone(Object... events) {
        return send(text(events) + "data: [DONE]\n\n");
    }

    private static String text(Object... events) {
        StringBuilder text = new StringBuilder();
        try {
            for (Object event : events) {
                // JSON escapes newlines, so one data line per event
                text.append("data: ").append(Json.mapper().writeValueAsString(event)).append("\n\n");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a stream event", e);
        }
        return text.toString();
    }

    void end() {
        try {
            close();
        } catch (IOException e) {
            gone();
        }
    }

    private boolean send(String event) {
        if (gone) {
            return false;
        }
        try {
            write(event);
            return true;
        } catch (IOException e) {
            gone();
            return false;
        }
    }

    @Override
    protected void onClose(Exception failure) {
        if (failure != null) {
            gone();
        }
    }

    private synchronized void gone() {
        if (!gone) {
            gone = true;
            onGone.run();
        }
    }
}
