package dev.llmgateway.api.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.filter.Filter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Records every log event of the JVM at DEBUG and above (API instances, workers, JDBI, the JDBC
 * driver through Dropwizard's JUL bridge) on a list appender on the root logger, so a test can
 * search all of it. The existing appenders keep printing only INFO and above meanwhile; the
 * broker's own chatter stays at INFO. {@link #close()} restores every level and filter.
 * Attach it after the servers have started: Dropwizard resets logging when an application starts.
 */
public final class LogCapture implements AutoCloseable {
    private static final List<String> CHATTY = List.of("org.apache.kafka", "kafka", "state.change.logger");

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final Map<Appender<ILoggingEvent>, List<Filter<ILoggingEvent>>> previousFilters = new LinkedHashMap<>();
    private List<ILoggingEvent> events;

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.attach();
        return capture;
    }

    private void attach() {
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null && logger.getLevel().isGreaterOrEqual(Level.INFO)) {
                setLevel(logger, Level.DEBUG);
            }
        }
        CHATTY.forEach(name -> setLevel(context.getLogger(name), Level.INFO));
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> existing = it.next();
            previousFilters.put(existing, existing.getCopyOfAttachedFiltersList());
            ThresholdFilter infoAndAbove = new ThresholdFilter();
            infoAndAbove.setLevel("INFO");
            infoAndAbove.start();
            existing.addFilter(infoAndAbove);
        }
        appender.setContext(context);
        appender.setName("log-capture");
        appender.start();
        root.addAppender(appender);
    }

    private void setLevel(Logger logger, Level level) {
        previousLevels.putIfAbsent(logger, logger.getLevel());
        logger.setLevel(level);
    }

    /** Every recorded event's text: message, exceptions with their stack frames, and MDC values. */
    public List<String> lines() {
        List<ILoggingEvent> recorded = recorded();
        List<String> lines = new ArrayList<>(recorded.size());
        for (ILoggingEvent event : recorded) {
            StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            event.getMDCPropertyMap().values().forEach(value -> text.append(' ').append(value));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    text.append("\n\tat ").append(frame.getSTEAsString());
                }
            }
            lines.add(text.toString());
        }
        return lines;
    }

    private synchronized List<ILoggingEvent> recorded() {
        if (events != null) {
            return events;
        }
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public synchronized void close() {
        if (events != null) {
            return;
        }
        root.detachAppender(appender);
        appender.stop();
        events = List.copyOf(appender.list);
        previousLevels.forEach(Logger::setLevel);
        previousFilters.forEach((existing, filters) -> {
            existing.clearAllFilters();
            filters.forEach(existing::addFilter);
        });
    }
}
