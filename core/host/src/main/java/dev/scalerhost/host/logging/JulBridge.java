package dev.scalerhost.host.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging (gRPC's own log) to SLF4J, so that every line the process writes is in the
 * host's format (plain or JSON) and follows its levels, instead of JUL's two-line records on stderr.
 *
 * <p>One gRPC record is rewritten: a connection to the gRPC port that does not speak HTTP/2 (a
 * browser, curl, a load balancer's HTTP/1.1 health check) is logged by gRPC as "Transport failed"
 * with a 20-line stack trace at INFO. It is someone knocking at the wrong port, not a failure of the
 * host: one short line at DEBUG.
 */
public final class JulBridge extends SLF4JBridgeHandler {

    private static final Logger GRPC_PORT = LoggerFactory.getLogger("dev.scalerhost.host.grpc.GrpcServer");
    /** gRPC logs connection failures on {@code ...NettyServerTransport.connections}. */
    private static final String TRANSPORT_LOGGER = ".NettyServerTransport";
    /** The JDK's own loggers (certificate lists of jdk.event.security): no debugging aid for users. */
    private static final java.util.logging.Logger JDK = java.util.logging.Logger.getLogger("jdk");
    private static final String HTTP1 = "Unexpected HTTP/1.x request:";
    private static final String NOT_HTTP2 = "HTTP/2 client preface string missing or corrupt";

    /**
     * Replaces JUL's root handlers with this bridge. JUL's root level follows the host's: FINE when
     * its root logger is at DEBUG or below, else INFO, so that gRPC builds no records that would be
     * dropped anyway; the JDK's own loggers stay at INFO.
     */
    public static void install() {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulBridge());
        root.setLevel(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME).isDebugEnabled() ? Level.FINE : Level.INFO);
        JDK.setLevel(Level.INFO);
    }

    /** Takes this bridge off JUL's root logger again (tests). */
    public static void uninstall() {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof JulBridge) {
                root.removeHandler(handler);
            }
        }
    }

    @Override
    public void publish(LogRecord record) {
        String notGrpc = record == null ? null : notGrpc(record);
        if (notGrpc != null) {
            GRPC_PORT.debug("gRPC port: closed a connection that does not speak gRPC (HTTP/2): {}", notGrpc);
            return;
        }
        super.publish(record);
    }

    /** What a client that does not speak HTTP/2 sent, if this record is gRPC's report of one; else null. */
    private static String notGrpc(LogRecord record) {
        String logger = record.getLoggerName();
        if (logger == null || !logger.contains(TRANSPORT_LOGGER)) {
            return null;
        }
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message == null) {
                continue;
            }
            if (message.startsWith(HTTP1)) {
                return "it sent an HTTP/1.x request (" + clip(message.substring(HTTP1.length()).strip()) + ")";
            }
            if (message.startsWith(NOT_HTTP2)) {
                return "it sent bytes that are not an HTTP/2 preface";
            }
        }
        return null;
    }

    private static String clip(String request) {
        String line = request.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
