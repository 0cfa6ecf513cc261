package dev.llmgateway.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run on machines without Docker, so it is checked against what it
 * wires: every gateway service builds a module that makes a runnable jar, sets only variables its
 * config file reads, sets every variable that file requires, and publishes the ports it configures.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:-[^}]*)?}");
    private static final Map<String, String> CONFIG_OF = Map.of(
            "gateway-api", "api.yml", "gateway-worker", "worker.yml", "gateway-usage-stream", "usage-stream.yml");

    @Test
    void everyGatewayServiceIsWiredToItsConfigFile() throws IOException {
        JsonNode services = compose().path("services");

        assertThat(CONFIG_OF.keySet()).allSatisfy(name -> assertThat(services.has(name)).as(name).isTrue());
        for (Map.Entry<String, String> entry : CONFIG_OF.entrySet()) {
            JsonNode service = services.path(entry.getKey());
            String config = Files.readString(ROOT.resolve("config").resolve(entry.getValue()));
            Set<String> read = placeholders(config, false);
            Set<String> required = placeholders(config, true);
            Set<String> set = keys(service.path("environment"));

            assertThat(service.path("build").path("args").path("MODULE").asText()).isEqualTo(entry.getKey());
            assertThat(Files.readString(ROOT.resolve(entry.getKey()).resolve("pom.xml")))
                    .as("%s makes a runnable jar named after the module", entry.getKey())
                    .contains("<gateway.jar.name>" + entry.getKey() + "</gateway.jar.name>");
            assertThat(read).as("%s reads every variable compose sets", entry.getValue()).containsAll(set);
            assertThat(set).as("compose sets every variable %s requires", entry.getValue()).containsAll(required);
            for (String portVariable : Set.of("GATEWAY_HTTP_PORT", "GATEWAY_ADMIN_PORT", "GATEWAY_WORKER_ADMIN_PORT",
                    "GATEWAY_USAGE_ADMIN_PORT")) {
                if (service.path("environment").has(portVariable)) {
                    String port = service.path("environment").path(portVariable).asText();
                    assertThat(service.path("ports").toString()).as("%s publishes %s", entry.getKey(), portVariable)
                            .contains(port + ":" + port);
                }
            }
        }
    }

    @Test
    void infrastructureServicesUseImagesAndEveryDependencyExists() throws IOException {
        JsonNode services = compose().path("services");

        for (String infrastructure : Set.of("kafka", "postgres", "redis")) {
            assertThat(services.path(infrastructure).path("image").asText()).as(infrastructure).isNotBlank();
        }
        services.fields().forEachRemaining(service -> keys(service.getValue().path("depends_on"))
                .forEach(dependency -> assertThat(services.has(dependency))
                        .as(service.getKey() + " depends on " + dependency).isTrue()));
    }

    @Test
    void theDockerfileRunsTheConfigFileOfItsModule() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile).contains("${MODULE}/target/${MODULE}.jar").contains("config/${MODULE#gateway-}.yml");
        CONFIG_OF.forEach((module, config) -> assertThat(module.replaceFirst("^gateway-", "") + ".yml").isEqualTo(config));
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    private static Set<String> placeholders(String config, boolean requiredOnly) {
        Set<String> names = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(config);
        while (m.find()) {
            if (!requiredOnly || m.group(2) == null) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> names = new HashSet<>();
        Iterator<String> it = node.isArray() ? java.util.stream.StreamSupport.stream(node.spliterator(), false)
                .map(JsonNode::asText).iterator() : node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
