package dev.llmgateway.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as a newcomer runs it: the packaged jar as a child process with a
 * fresh data directory, answering with the mock provider, surviving a restart, leaving nothing
 * behind on SIGTERM.
 */
class StandaloneJarIT {
    private static final Path JAR = Path.of("target", "llm-gateway.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private int httpPort;
    private int adminPort;
    private int kafkaPort;
    private Process gateway;

    @BeforeEach
    void ports() throws IOException {
        httpPort = freePort();
        adminPort = freePort();
        kafkaPort = freePort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsAnswersRestartsWithItsDataAndStopsCleanly() throws Exception {
        long started = System.nanoTime();
        gateway = start();
        awaitReady();
        System.out.printf("standalone ready %d ms after launch%n", (System.nanoTime() - started) / 1_000_000);

        JsonNode first = generate("Hello world");
        assertThat(first.path("provider").asText()).isEqualTo("mock");
        assertThat(first.path("content").asText()).isEqualTo("Mock response to: Hello world");
        String masterKey = Files.readString(dataDir.resolve("master.key"));

        List<ProcessHandle> children = gateway.descendants().toList();
        assertThat(children).as("embedded Postgres and Redis run as child processes").isNotEmpty();
        gateway.destroy();
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops the gateway").isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(children).noneMatch(ProcessHandle::isAlive));

        gateway = start();
        awaitReady();
        String log = Files.readString(dataDir.resolve("gateway.log"));
        assertThat(Files.readString(dataDir.resolve("master.key"))).isEqualTo(masterKey);
        assertThat(providersIn(jdbcUrl(log))).containsExactly("mock");
        JsonNode again = generate("Hello world");
        assertThat(again.path("cached").asBoolean()).as("the Redis cache outlived the restart").isTrue();
        assertThat(generate("Hello again").path("provider").asText()).isEqualTo("mock");

        assertThat(readmeCurlCommands()).hasSizeGreaterThanOrEqualTo(5).allSatisfy(this::answersWithoutError);
    }

    /**
     * The README's bash blocks that talk to a running gateway (those with curl and no build or
     * java command), with placeholder lines ("…") left out.
     */
    private static List<String> readmeCurlCommands() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> scripts = new java.util.ArrayList<>();
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            String script = block.group(1);
            if (script.contains("curl ") && !script.contains("mvnw") && !script.contains("java ")) {
                scripts.add(script.lines().filter(line -> !line.contains("…")).collect(java.util.stream.Collectors.joining("\n")));
            }
        }
        return scripts;
    }

    /** Runs the block with every curl failing on an HTTP error, against this test's port. */
    private void answersWithoutError(String script) {
        String local = "set -e\n" + script.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + httpPort)
                .replace("curl -s ", "curl -sS --fail-with-body -o /dev/null ");
        try {
            Process bash = new ProcessBuilder("bash", "-c", local).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as(script + "\n" + output).isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("gateway.log").toFile()));
        builder.environment().put("GATEWAY_DATA_DIR", dataDir.toString());
        builder.environment().put("GATEWAY_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("GATEWAY_ADMIN_PORT", Integer.toString(adminPort));
        builder.environment().put("GATEWAY_KAFKA_PORT", Integer.toString(kafkaPort));
        builder.environment().remove("GATEWAY_DATABASE_URL");
        builder.environment().remove("GATEWAY_REDIS_URL");
        builder.environment().remove("ANTHROPIC_API_KEY");
        builder.environment().remove("OPENAI_API_KEY");
        return builder.start();
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(gateway.isAlive()).as("gateway exited; see " + dataDir.resolve("gateway.log")).isTrue();
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/health/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private JsonNode generate(String prompt) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/generate")))
                .header("Authorization", "Bearer dev-service-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"user_id\": \"me\", \"service\": \"demo\", \"prompt\": \"" + prompt + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String jdbcUrl(String log) {
        Matcher m = Pattern.compile("Postgres\\s+embedded, (jdbc:postgresql://\\S+)").matcher(log);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertThat(last).as("the banner names the database").isNotNull();
        return last;
    }

    private static List<String> providersIn(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                ResultSet rs = connection.createStatement().executeQuery("SELECT name FROM provider_configs")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
