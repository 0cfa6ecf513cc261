package dev.llmgateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The standalone gateway jar as a child process on free ports and a temporary data directory. */
final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final Path dataDir;
    final int httpPort;
    final int kafkaPort;

    private GatewayProcess(Process process, Path dataDir, int httpPort, int kafkaPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.kafkaPort = kafkaPort;
    }

    static GatewayProcess start(Path jar, String heap, List<String> jvmOptions, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("gateway-bench-");
        int http = freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xms" + heap, "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("gateway.log").toFile());
        builder.environment().put("GATEWAY_DATA_DIR", dataDir.toString());
        builder.environment().put("GATEWAY_HTTP_PORT", Integer.toString(http));
        builder.environment().put("GATEWAY_ADMIN_PORT", Integer.toString(freePort()));
        int kafka = freePort();
        builder.environment().put("GATEWAY_KAFKA_PORT", Integer.toString(kafka));
        builder.environment().putAll(extraEnv);
        GatewayProcess gateway = new GatewayProcess(builder.start(), dataDir, http, kafka);
        gateway.awaitReady(Duration.ofSeconds(120));
        return gateway;
    }

    Path log() {
        return dataDir.resolve("gateway.log");
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Resident memory of the gateway process now and at its peak, from {@code /proc}. */
    Memory memory() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"));
            return new Memory(kilobytes(status, "VmRSS:"), kilobytes(status, "VmHWM:"));
        } catch (IOException e) {
            return new Memory(-1, -1);
        }
    }

    private static long kilobytes(List<String> status, String field) {
        return status.stream().filter(line -> line.startsWith(field))
                .map(line -> line.substring(field.length()).replace("kB", "").trim())
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
    }

    record Memory(long rssKb, long peakRssKb) {
    }

    String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + "; see " + log());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/health/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("gateway not ready within " + timeout + "; see " + log());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
