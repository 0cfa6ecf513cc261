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

    /** {@code data: <json>}; false when the client has gone. */
    boolean data(Object event) {
        try {
            // JSON escapes newlines, so one data line per event
            return send("data: " + Json.mapper().writeValueAsString(event) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a stream event", e);
        }
    }

    boolean done() {
        return send("data: [DONE]\n\n");
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
