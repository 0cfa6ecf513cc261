package dev.llmgateway.core.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.stream.Collectors;

/** Turns Jackson's exceptions into one line a person can act on, without echoing the payload. */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return vie.getCause().getMessage();
        }
        if (e instanceof JsonMappingException jme) {
            String path = jme.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String what = jme.getOriginalMessage();
            int cut = what.indexOf('\n');
            what = cut >= 0 ? what.substring(0, cut) : what;
            return path.isEmpty() ? what : path + ": " + what;
        }
        if (e instanceof JsonProcessingException jpe) {
            return "malformed JSON: " + jpe.getOriginalMessage();
        }
        return e.getMessage();
    }
}
