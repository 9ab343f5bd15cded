package dev.scalerhost.host.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Switches stdout logging between plain lines and JSON (one object per line) when the
 * configuration's {@code server.logFormat} asks for it. JSON wins if either the launcher's
 * {@code SCALERHOST_LOG_FORMAT} (the system property {@value #PROPERTY}) or the file asks for it.
 *
 * <p>Works with {@link StdoutLogging}, which defines both appenders, named {@value #PLAIN} and
 * {@value #JSON}, and attaches the launcher's choice to the root logger. Under any other logging
 * setup (a logback file of the user's) it does nothing.
 */
public final class LogFormat {

    static final String PROPERTY = "scalerhost.log.format";
    static final String PLAIN = "plain";
    static final String JSON = "json";
    static final String APPENDERS_LOGGER = "scalerhost.logback.appenders";

    private LogFormat() {
    }

    /** Applies {@code configured} ({@code plain} or {@code json}) together with the launcher's choice. */
    public static synchronized void apply(String configured) {
        boolean json = JSON.equalsIgnoreCase(configured)
                || JSON.equals(System.getProperty(PROPERTY, PLAIN).toLowerCase(Locale.ROOT));
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger holder = context.exists(APPENDERS_LOGGER);
        if (holder == null) {
            return;
        }
        Appender<ILoggingEvent> wanted = holder.getAppender(json ? JSON : PLAIN);
        Appender<ILoggingEvent> other = holder.getAppender(json ? PLAIN : JSON);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (wanted == null || other == null || root.isAttached(wanted)) {
            return;
        }
        root.addAppender(wanted);
        root.detachAppender(other);
    }
}
