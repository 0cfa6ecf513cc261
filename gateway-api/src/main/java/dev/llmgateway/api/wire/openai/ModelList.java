package dev.llmgateway.api.wire.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code GET /v1/models}: OpenAI's list of model objects. */
public record ModelList(@JsonProperty("object") String object, List<Model> data) {

    public static ModelList of(List<Model> models) {
        return new ModelList("list", models);
    }

    /** A model as {@code provider/model}, owned by its provider; {@code created} is not known, so 0. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Model(String id, @JsonProperty("object") String object, long created, String ownedBy) {
        public static Model of(String id, String ownedBy) {
            return new Model(id, "model", 0, ownedBy);
        }
    }
}
