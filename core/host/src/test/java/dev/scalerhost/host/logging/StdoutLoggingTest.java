package dev.scalerhost.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StdoutLoggingTest {

    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void mdc() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void clearFormat() {
        System.clearProperty(LogFormat.PROPERTY);
        context.stop();
    }

    @Test
    void rootWritesPlainLinesAtInfoAndLibrariesOnlyWarn() {
        ExecutionStatus status = configure(Map.of());

        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(appenderNames(root)).containsExactly(LogFormat.PLAIN);
        assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("dev.scalerhost.host").getEffectiveLevel()).isEqualTo(Level.INFO);
        String line = encode(root.getAppender(LogFormat.PLAIN), "hello {}", "world");
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[main] probe - hello world\n");
    }

    @Test
    void theLauncherCanAskForJsonAndTheOtherAppenderStaysAvailable() {
        System.setProperty(LogFormat.PROPERTY, "JSON");
        configure(Map.of());

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(appenderNames(root)).containsExactly(LogFormat.JSON);
        Logger holder = context.exists(LogFormat.APPENDERS_LOGGER);
        assertThat(holder.getLevel()).isEqualTo(Level.OFF);
        assertThat(appenderNames(holder)).containsExactlyInAnyOrder(LogFormat.PLAIN, LogFormat.JSON);
        assertThat(encode(root.getAppender(LogFormat.JSON), "hello {}", "\"world\""))
                .contains("\"formattedMessage\":\"hello \\\"world\\\"\"").doesNotContain("\"message\"").endsWith("\n");
    }

    @Test
    void logLevelComesFromTheEnvironmentAndABadOneFallsBackToInfo() {
        configure(Map.of(StdoutLogging.LEVEL_VARIABLE, " debug "));
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);

        LoggerContext other = new LoggerContext();
        StdoutLogging logging = new StdoutLogging(Map.of(StdoutLogging.LEVEL_VARIABLE, "LOUD")::get, () -> false);
        logging.setContext(other);
        logging.configure(other);
        assertThat(other.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(other.getStatusManager().getCopyOfStatusList())
                .anyMatch(s -> s.getMessage().contains("SCALERHOST_LOG_LEVEL is 'LOUD'"));
        other.stop();
    }

    @Test
    void aUserLogbackFileIsLeftToLogback() {
        StdoutLogging logging = new StdoutLogging(Map.<String, String>of()::get, () -> true);
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(appenderNames(context.getLogger(Logger.ROOT_LOGGER_NAME))).isEmpty();
        assertThat(context.exists(LogFormat.APPENDERS_LOGGER)).isNull();
    }

    private ExecutionStatus configure(Map<String, String> env) {
        StdoutLogging logging = new StdoutLogging(env::get, () -> false);
        logging.setContext(context);
        return logging.configure(context);
    }

    private static List<String> appenderNames(Logger logger) {
        List<String> names = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(appender -> names.add(appender.getName()));
        return names;
    }

    /** What {@code appender}'s encoder writes for one INFO event of logger "probe" on thread main. */
    private String encode(Appender<ILoggingEvent> appender, String template, Object argument) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("probe"), Level.INFO,
                template, null, new Object[] {argument});
        event.setThreadName("main");
        return new String(((OutputStreamAppender<ILoggingEvent>) appender).getEncoder().encode(event),
                StandardCharsets.UTF_8);
    }
}
