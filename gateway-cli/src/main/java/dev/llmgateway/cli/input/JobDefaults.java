package dev.llmgateway.cli.input;

/** What a line gets when it does not say: {@code user_id} and {@code service} always, provider and model optionally. */
public record JobDefaults(String userId, String service, String provider, String model) {
    public JobDefaults {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a default user id is required, got '" + userId + "'");
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a default service is required, got '" + service + "'");
        }
    }
}
