package dev.scalerhost.host.plugin;

import dev.scalerhost.host.secrets.Secrets;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Objects;
import java.util.ServiceConfigurationError;

/**
 * Runs code of one plugin with the plugin's class loader as the thread context class loader, and
 * turns whatever it throws into a {@link PluginException} naming the plugin, so that a broken plugin
 * cannot kill a host thread with an {@link Error}. The plugin's words in the message have every
 * {@link Secrets secret} redacted (the process's output redacts the logged cause).
 *
 * <p>Only errors the JVM cannot recover from are passed on unchanged: {@link VirtualMachineError}s
 * other than {@link StackOverflowError}, whose stack has unwound by the time it is caught.
 */
final class PluginInvoker {

    /** Code of a plugin. */
    @FunctionalInterface
    interface PluginCall<T> {
        T run() throws Exception;
    }

    /** How long a call other than {@code measure} may run before it counts as abandoned. */
    static final Duration CALL_PATIENCE = Duration.ofSeconds(10);

    private final ClassLoader loader;
    private final String plugin;
    private final String label;

    /**
     * @param loader the plugin's class loader
     * @param plugin the plugin's short name for metrics, e.g. its type {@code kafka-lag}
     * @param label  how messages name the plugin, e.g. {@code plugin plugins/kafka-lag (type kafka-lag)}
     */
    PluginInvoker(ClassLoader loader, String plugin, String label) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.label = Objects.requireNonNull(label, "label");
    }

    String plugin() {
        return plugin;
    }

    String label() {
        return label;
    }

    /** Runs {@code call} as the plugin; {@code operation} names it in the failure message. */
    <T> T call(String operation, PluginCall<T> call) throws PluginException {
        return call(operation, System.nanoTime() + CALL_PATIENCE.toNanos(), call);
    }

    /**
     * Runs {@code call} as the plugin, tracked in {@link PluginCalls} as abandoned once
     * {@code deadlineNanos} ({@link System#nanoTime()} based) has passed and it still runs.
     */
    <T> T call(String operation, long deadlineNanos, PluginCall<T> call) throws PluginException {
        PluginCalls.InFlight inFlight = PluginCalls.begin(plugin, label, operation, deadlineNanos);
        try {
            return withContextLoader(loader, call);
        } catch (Throwable thrown) {
            rethrowIfFatal(thrown);
            if (thrown instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PluginException(label + " failed in " + operation + ": " + Secrets.redact(summary(thrown)), thrown);
        } finally {
            PluginCalls.end(inFlight);
        }
    }

    /** Runs {@code call} with {@code loader} as the context class loader, restoring the previous one. */
    static <T> T withContextLoader(ClassLoader loader, PluginCall<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static void rethrowIfFatal(Throwable thrown) {
        if (thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError)) {
            throw (VirtualMachineError) thrown;
        }
    }

    /**
     * The throwable that says what went wrong, without the wrappers reflection and ServiceLoader add,
     * as {@code class: message}.
     */
    static String summary(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && isWrapper(cause)) {
            cause = cause.getCause();
        }
        if (cause instanceof ServiceConfigurationError && cause.getMessage() != null) {
            // "service: Provider x not found" says it all; the error class and service name add nothing.
            String message = cause.getMessage();
            int split = message.indexOf(": ");
            return split < 0 ? message : message.substring(split + 2);
        }
        return cause.toString();
    }

    private static boolean isWrapper(Throwable thrown) {
        return thrown instanceof ServiceConfigurationError
                || thrown instanceof InvocationTargetException
                || thrown instanceof ExceptionInInitializerError;
    }
}
