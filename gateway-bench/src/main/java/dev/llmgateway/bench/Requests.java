package dev.llmgateway.bench;

import java.net.http.HttpRequest;

/** The HTTP requests the benchmark sends: to the gateway, and the same prompts straight to the mock provider. */
final class Requests {
    static final String SERVICE_KEY = "bench-service-key";
    static final String ADMIN_KEY = "bench-admin-key";
    static final String PROVIDER_KEY = "bench-provider-key";
    static final String PROVIDER = "fake";
    static final String MODEL = "fake-model";

    private final GatewayProcess gateway;
    private final String mockBaseUrl;

    Requests(GatewayProcess gateway, String mockBaseUrl) {
        this.gateway = gateway;
        this.mockBaseUrl = mockBaseUrl;
    }

    /** Registers the mock as an OpenAI-compatible provider of the gateway's. */
    HttpRequest addMockProvider() {
        String body = "{\"name\":\"" + PROVIDER + "\",\"type\":\"custom\",\"base_url\":\"" + mockBaseUrl
                + "\",\"api_key\":\"" + PROVIDER_KEY + "\",\"models\":[\"" + MODEL + "\"],\"default_model\":\"" + MODEL
                + "\",\"priority\":1}";
        return post(gateway.url("/api/v1/providers"), ADMIN_KEY, body);
    }

    HttpRequest generate(String provider, String prompt, boolean cache) {
        return post(gateway.url("/api/v1/generate"), SERVICE_KEY, "{\"user_id\":\"bench\",\"service\":\"bench\",\"provider\":\""
                + provider + "\",\"cache\":" + cache + ",\"max_tokens\":64,\"prompt\":\"" + prompt + "\"}");
    }

    HttpRequest gatewayStream(String prompt) {
        return post(gateway.url("/v1/chat/completions"), SERVICE_KEY, chat(PROVIDER + "/" + MODEL, prompt, true));
    }

    HttpRequest direct(String prompt) {
        return post(mockBaseUrl + "/chat/completions", PROVIDER_KEY, chat(MODEL, prompt, false));
    }

    HttpRequest directStream(String prompt) {
        return post(mockBaseUrl + "/chat/completions", PROVIDER_KEY, chat(MODEL, prompt, true));
    }

    HttpRequest userUsage(String user, String day) {
        return LoadGenerator.request(gateway.url("/api/v1/usage/users/" + user + "?from=" + day + "&to=" + day))
                .header("Authorization", "Bearer " + SERVICE_KEY).GET().build();
    }

    private static String chat(String model, String prompt, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    private static HttpRequest post(String url, String key, String body) {
        return LoadGenerator.request(url)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
