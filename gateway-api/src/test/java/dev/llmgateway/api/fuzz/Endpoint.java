package dev.llmgateway.api.fuzz;

import java.util.List;

/**
 * One operation of the API as the fuzzer sees it: how it is called, which key it takes, and what
 * its path parameter, query and body are, so each can be made hostile in turn.
 */
record Endpoint(String method, String path, Key key, Body body, Query query) {
    enum Key { SERVICE, ADMIN, NONE }

    enum Body { NONE, GENERATE, CHAT, PROVIDER, PROVIDER_PATCH, OVERRIDE }

    enum Query { NONE, USAGE, OVERRIDES }

    /** Stands for the path parameter in {@link #path}. */
    static final String PARAM = "{param}";

    /** Every endpoint of API.md and the OpenAI-compatible ones. */
    static final List<Endpoint> ALL = List.of(
            new Endpoint("POST", "/api/v1/generate", Key.SERVICE, Body.GENERATE, Query.NONE),
            new Endpoint("POST", "/api/v1/jobs", Key.SERVICE, Body.GENERATE, Query.NONE),
            new Endpoint("GET", "/api/v1/jobs/" + PARAM, Key.SERVICE, Body.NONE, Query.NONE),
            new Endpoint("GET", "/api/v1/usage/summary", Key.SERVICE, Body.NONE, Query.USAGE),
            new Endpoint("GET", "/api/v1/usage/by-user", Key.SERVICE, Body.NONE, Query.USAGE),
            new Endpoint("GET", "/api/v1/usage/by-service", Key.SERVICE, Body.NONE, Query.USAGE),
            new Endpoint("GET", "/api/v1/usage/by-provider", Key.SERVICE, Body.NONE, Query.USAGE),
            new Endpoint("GET", "/api/v1/usage/daily", Key.SERVICE, Body.NONE, Query.USAGE),
            new Endpoint("GET", "/api/v1/usage/users/" + PARAM, Key.SERVICE, Body.NONE, Query.USAGE),
            new Endpoint("GET", "/api/v1/providers", Key.ADMIN, Body.NONE, Query.NONE),
            new Endpoint("POST", "/api/v1/providers", Key.ADMIN, Body.PROVIDER, Query.NONE),
            new Endpoint("GET", "/api/v1/providers/" + PARAM, Key.ADMIN, Body.NONE, Query.NONE),
            new Endpoint("PUT", "/api/v1/providers/" + PARAM, Key.ADMIN, Body.PROVIDER, Query.NONE),
            new Endpoint("PATCH", "/api/v1/providers/" + PARAM, Key.ADMIN, Body.PROVIDER_PATCH, Query.NONE),
            new Endpoint("DELETE", "/api/v1/providers/" + PARAM, Key.ADMIN, Body.NONE, Query.NONE),
            new Endpoint("GET", "/api/v1/overrides", Key.ADMIN, Body.NONE, Query.OVERRIDES),
            new Endpoint("POST", "/api/v1/overrides", Key.ADMIN, Body.OVERRIDE, Query.NONE),
            new Endpoint("GET", "/api/v1/overrides/" + PARAM, Key.ADMIN, Body.NONE, Query.NONE),
            new Endpoint("PUT", "/api/v1/overrides/" + PARAM, Key.ADMIN, Body.OVERRIDE, Query.NONE),
            new Endpoint("DELETE", "/api/v1/overrides/" + PARAM, Key.ADMIN, Body.NONE, Query.NONE),
            new Endpoint("POST", "/v1/chat/completions", Key.SERVICE, Body.CHAT, Query.NONE),
            new Endpoint("GET", "/v1/models", Key.SERVICE, Body.NONE, Query.NONE),
            new Endpoint("GET", "/v1/models/" + PARAM, Key.SERVICE, Body.NONE, Query.NONE),
            new Endpoint("GET", "/api/v1/health", Key.NONE, Body.NONE, Query.NONE),
            new Endpoint("GET", "/api/v1/health/ready", Key.NONE, Body.NONE, Query.NONE));

    String label() {
        return method + " " + path;
    }

    boolean hasParam() {
        return path.contains(PARAM);
    }
}
