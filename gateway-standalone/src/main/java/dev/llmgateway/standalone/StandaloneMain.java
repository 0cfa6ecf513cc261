package dev.llmgateway.standalone;

/** {@code java -jar llm-gateway.jar}: the whole gateway, configured by environment variables only. */
public final class StandaloneMain {
    private StandaloneMain() {
    }

    public static void main(String[] args) throws Exception {
        StandaloneSettings settings = StandaloneSettings.from(System.getenv());
        StandaloneKeys keys = StandaloneKeys.resolve(settings);
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(settings);
        try {
            new StandaloneApplication(settings, infrastructure, keys).run("server", "standalone.yml");
        } catch (Exception | Error e) {
            infrastructure.stop();
            throw e;
        }
    }
}
