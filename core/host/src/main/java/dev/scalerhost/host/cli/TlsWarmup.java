package dev.scalerhost.host.cli;

import dev.scalerhost.host.threads.DaemonThreads;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Builds the JDK's default TLS context on a second thread while the main thread reads the
 * configuration and loads the plugins. Building it (reading and parsing the CA certificates) takes
 * about 0.15 s of CPU, and the built-in sources need it as they open: the JDK's HTTP client builds it
 * even for plain-HTTP URLs, pgjdbc and the Kafka client whenever TLS is on. {@link SSLContext#getDefault()}
 * is synchronized, so a source that asks first waits for this build instead of doing it again.
 */
final class TlsWarmup {

    private TlsWarmup() {
    }

    /** Starts building the default context; returns at once. */
    static void start() {
        DaemonThreads.named("scalerhost-tls-warmup").newThread(() -> {
            try {
                SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                // The JDK has no default TLS; the sources that need it report that when they open.
            }
        }).start();
    }
}
