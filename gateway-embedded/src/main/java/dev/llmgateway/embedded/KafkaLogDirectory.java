package dev.llmgateway.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker's log directory, formatted for KRaft once and reused afterwards. */
final class KafkaLogDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLogDirectory.class);

    private KafkaLogDirectory() {
    }

    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve("meta.properties"));
    }

    /** Formats {@code logDir} with a new cluster id unless it already holds a formatted node. */
    static void formatIfNeeded(Path logDir, KafkaConfig config) throws Exception {
        if (isFormatted(logDir)) {
            LOG.debug("Reusing formatted Kafka log directory {}", logDir);
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(KafkaBrokerProperties.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(KafkaBrokerProperties.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .addDirectory(logDir.toAbsolutePath().toString())
                    .run();
        }
        LOG.debug("{}", output.toString(StandardCharsets.UTF_8).trim());
    }
}
