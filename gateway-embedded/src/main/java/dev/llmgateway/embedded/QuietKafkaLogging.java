package dev.llmgateway.embedded;

import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Lowers the broker's loggers to WARN when logback is the slf4j backend, leaving alone any
 * logger the application configured itself. Logback is optional: without it nothing happens.
 */
final class QuietKafkaLogging {

    private static final List<String> BROKER_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private QuietKafkaLogging() {
    }

    static void apply() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory.getClass().getName().equals(LOGBACK_CONTEXT)) {
            Logback.warnUnlessConfigured(factory, BROKER_LOGGERS);
        }
    }

    /** Loaded only when logback is present. */
    private static final class Logback {

        static void warnUnlessConfigured(ILoggerFactory factory, List<String> names) {
            ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) factory;
            for (String name : names) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(ch.qos.logback.classic.Level.WARN);
                }
            }
        }
    }
}
