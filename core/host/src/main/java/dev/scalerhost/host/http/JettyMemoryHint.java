package dev.scalerhost.host.http;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells Jetty the size of an object reference before its first queue is made. Unless told, Jetty's
 * {@code MemoryUtils} asks the JVM for {@code UseCompressedOops} through the platform MBean server,
 * which it creates for that one question: about a tenth of a second of CPU at every start, a quarter
 * of what building the HTTP server costs. The answer only sizes the padding of Jetty's queues, so
 * it is read here from the JVM's diagnostic bean directly, which needs no MBean server.
 */
final class JettyMemoryHint {

    static final String PROPERTY = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final int CACHE_LINE_BYTES = 64;

    private JettyMemoryHint() {
    }

    /** Sets Jetty's property unless it is set already; leaves Jetty to find out if the JVM does not say. */
    static void apply() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            boolean compressed = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseCompressedOops").getValue());
            System.setProperty(PROPERTY, Integer.toString(CACHE_LINE_BYTES / (compressed ? Integer.BYTES : Long.BYTES)));
        } catch (RuntimeException notHotSpot) {
            // Jetty asks the MBean server itself, as it would without this hint.
        }
    }
}
