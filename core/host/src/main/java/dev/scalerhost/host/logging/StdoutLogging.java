package dev.scalerhost.host.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The host's logging: everything to stdout, as plain lines or one JSON object per line. Logback finds
 * it through {@code META-INF/services} and runs it instead of reading an XML file: that took about
 * 0.25 s of every start on a small machine (parsing XML, then interpreting the model), this about
 * 0.1 s, most of it loading logback's own classes.
 *
 * <p>A logback file in place replaces all of this and is left to logback's own configurator: one named
 * by the system property {@code logback.configurationFile} (the launcher's {@code SCALERHOST_LOG_CONFIG}),
 * or a {@code logback-test.xml} or {@code logback.xml} on the class path.
 *
 * <p>Both appenders exist, named {@code plain} and {@code json}; the root logger gets the one the
 * launcher chose ({@value LogFormat#PROPERTY}) and {@link LogFormat} can switch to the other when the
 * configuration file asks for JSON. {@code SCALERHOST_LOG_LEVEL} sets the root level (default INFO).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class StdoutLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level [%thread] %logger{36} - %msg%n";
    static final String LEVEL_VARIABLE = "SCALERHOST_LOG_LEVEL";
    /** Logback's system property naming its configuration file. */
    static final String FILE_PROPERTY = "logback.configurationFile";

    /** Libraries say a lot at INFO about their own start; their warnings still show. */
    static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.grpc", Level.WARN,
            "io.netty", Level.WARN,
            "org.apache.kafka", Level.WARN,
            // Warns about an unreachable broker once a second; the kafka-lag source logs the outage once.
            "org.apache.kafka.clients.NetworkClient", Level.ERROR,
            "com.zaxxer.hikari", Level.WARN);

    private final Function<String, String> env;
    private final BooleanSupplier userFileInPlace;

    /** The instance logback creates: reads the process environment and the class path. */
    public StdoutLogging() {
        this(System::getenv, StdoutLogging::userFileInPlace);
    }

    StdoutLogging(Function<String, String> env, BooleanSupplier userFileInPlace) {
        this.env = env;
        this.userFileInPlace = userFileInPlace;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userFileInPlace.getAsBoolean()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> plain = appender(context, LogFormat.PLAIN, plainEncoder(context));
        ConsoleAppender<ILoggingEvent> json = appender(context, LogFormat.JSON, jsonEncoder(context));
        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));

        // Never logs: it holds both appenders so that LogFormat can find the one not attached to root.
        Logger holder = context.getLogger(LogFormat.APPENDERS_LOGGER);
        holder.setLevel(Level.OFF);
        holder.setAdditive(false);
        holder.addAppender(plain);
        holder.addAppender(json);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel());
        boolean wantJson = LogFormat.JSON.equals(System.getProperty(LogFormat.PROPERTY, LogFormat.PLAIN)
                .toLowerCase(Locale.ROOT));
        root.addAppender(wantJson ? json : plain);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean userFileInPlace() {
        if (System.getProperty(FILE_PROPERTY) != null) {
            return true;
        }
        ClassLoader loader = StdoutLogging.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }

    private Level rootLevel() {
        String configured = env.apply(LEVEL_VARIABLE);
        if (configured == null || configured.isBlank()) {
            return Level.INFO;
        }
        Level level = Level.toLevel(configured.trim(), null);
        if (level == null) {
            addWarn(LEVEL_VARIABLE + " is '" + configured + "'; use TRACE, DEBUG, INFO, WARN, ERROR or OFF. Using INFO.");
            return Level.INFO;
        }
        return level;
    }

    private static ConsoleAppender<ILoggingEvent> appender(LoggerContext context, String name,
            Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static Encoder<ILoggingEvent> plainEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        // The rendered text, not the template and its arguments apart: what a log search needs.
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.start();
        return encoder;
    }
}
