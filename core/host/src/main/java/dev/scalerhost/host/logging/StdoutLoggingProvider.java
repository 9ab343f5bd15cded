package dev.scalerhost.host.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider that {@code bin/scalerhost} names ({@code -Dslf4j.provider}): logback, configured
 * by {@link StdoutLogging} directly. Logback's own provider first looks for configurators with a
 * {@link java.util.ServiceLoader} over the whole class path, which opens every jar in {@code lib/}
 * (about 40 ms of a start on a small machine) only to find {@link StdoutLogging}.
 *
 * <p>A logback file named by {@code logback.configurationFile} (the launcher's
 * {@code SCALERHOST_LOG_CONFIG}) is left to logback's own provider, which reads it. Where this provider
 * is not named (tests, an embedding), logback's provider finds {@link StdoutLogging} through
 * {@code META-INF/services}, with the same result.
 */
public final class StdoutLoggingProvider implements SLF4JServiceProvider {

    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public void initialize() {
        // Only the launcher's way to name a file (SCALERHOST_LOG_CONFIG): asking the class path for a
        // logback.xml would open every jar in lib/, the search this provider exists to spare.
        if (System.getProperty(StdoutLogging.FILE_PROPERTY) != null) {
            LogbackServiceProvider logback = new LogbackServiceProvider();
            logback.initialize();
            loggers = logback.getLoggerFactory();
            markers = logback.getMarkerFactory();
            mdc = logback.getMDCAdapter();
            return;
        }
        LoggerContext context = new LoggerContext();
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        // No user file, as checked above: the configurator need not ask the class path again.
        StdoutLogging logging = new StdoutLogging(System::getenv, () -> false);
        logging.setContext(context);
        logging.configure(context);
        // As logback's provider does: its warnings (a bad SCALERHOST_LOG_LEVEL) reach stdout. Asked
        // first, because loading StatusPrinter reads the time zone database, whose provider lookup
        // opens every jar in lib/ (about 35 ms of the main thread at each start).
        if (!StatusUtil.contextHasStatusListener(context)
                && new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
            StatusPrinter.printInCaseOfErrorsOrWarnings(context);
        }
        context.start();
        LogbackMDCAdapter adapter = new LogbackMDCAdapter();
        context.setMDCAdapter(adapter);
        loggers = context;
        markers = new BasicMarkerFactory();
        mdc = adapter;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return LogbackServiceProvider.REQUESTED_API_VERSION;
    }
}
