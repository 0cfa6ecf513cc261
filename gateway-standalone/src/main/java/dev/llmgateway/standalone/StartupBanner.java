package dev.llmgateway.standalone;

import java.io.PrintStream;

/** What a newcomer needs on start: where everything is, and a curl to paste. */
final class StartupBanner {
    private final StandaloneSettings settings;
    private final EmbeddedInfrastructure infrastructure;
    private final StandaloneKeys keys;

    StartupBanner(StandaloneSettings settings, EmbeddedInfrastructure infrastructure, StandaloneKeys keys) {
        this.settings = settings;
        this.infrastructure = infrastructure;
        this.keys = keys;
    }

    void print() {
        PrintStream out = System.out;
        String url = "http://127.0.0.1:" + settings.httpPort();
        String serviceKey = keys.serviceFromEnv() ? "$GATEWAY_SERVICE_KEY" : keys.firstServiceKey();
        out.println();
        out.println("LLM Gateway is ready");
        out.println("  API            " + url + "   (health: " + url + "/api/v1/health/ready)");
        out.println("  Admin/metrics  http://127.0.0.1:" + settings.adminPort());
        out.println("  Kafka          " + infrastructure.kafkaBootstrap());
        out.println("  Postgres       " + (infrastructure.embeddedPostgres() ? "embedded, " : "")
                + infrastructure.jdbcUrl());
        out.println("  Data dir       " + settings.dataDir());
        out.println("  Admin key      " + (keys.adminFromEnv() ? "from GATEWAY_ADMIN_KEY" : keys.adminKey()));
        out.println("  Service keys   " + (keys.serviceFromEnv() ? "from GATEWAY_SERVICE_KEYS" : String.join(",", keys.serviceKeys())));
        out.println("  Master key     " + (keys.masterFromEnv() ? "from GATEWAY_MASTER_KEY" : settings.dataDir().resolve("master.key")));
        if (!keys.adminFromEnv() || !keys.serviceFromEnv() || !keys.masterFromEnv()) {
            out.println("  WARNING: development keys in use; set GATEWAY_ADMIN_KEY, GATEWAY_SERVICE_KEYS and"
                    + " GATEWAY_MASTER_KEY before exposing this gateway.");
        }
        out.println();
        out.println("Try it:");
        out.println("  curl -s " + url + "/api/v1/generate -H 'Authorization: Bearer " + serviceKey + "' \\");
        out.println("       -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"user_id\": \"me\", \"service\": \"demo\", \"prompt\": \"Hello world\"}'");
        out.println();
        out.flush();
    }
}
