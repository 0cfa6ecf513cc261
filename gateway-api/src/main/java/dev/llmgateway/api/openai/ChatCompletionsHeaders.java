package dev.llmgateway.api.openai;

/** The gateway's own headers on {@code /v1/chat/completions}. */
public final class ChatCompletionsHeaders {
    /** Names the service the request counts for; {@code default} when absent. */
    public static final String SERVICE = "X-Gateway-Service";
    /** {@code true} when the answer came from the cache. */
    public static final String CACHED = "X-Gateway-Cached";

    private ChatCompletionsHeaders() {
    }
}
