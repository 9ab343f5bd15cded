package dev.scalerhost.host.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to stop, so that the main thread shuts down in order and
 * the process exits 0. (A JVM shutdown hook would exit with 143 and race the orderly stop.) A second
 * signal while stopping ends the process at once with 128 + the signal's number.
 */
final class StopSignal {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

    private final CountDownLatch requested = new CountDownLatch(1);

    /** Handles TERM and INT from now on. */
    static StopSignal install() {
        StopSignal signal = new StopSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), received -> {
                if (signal.requested.getCount() == 0) {
                    // The orderly stop is bounded by shutdownGrace; a second signal is someone who
                    // will not wait that long. halt, since a plugin's shutdown hook may never return.
                    LOG.warn("received SIG{} again while stopping; exiting at once", received.getName());
                    System.out.flush();
                    Runtime.getRuntime().halt(128 + received.getNumber());
                }
                LOG.info("received SIG{}; stopping", received.getName());
                signal.requested.countDown();
            });
        }
        return signal;
    }

    /** Blocks until a stop is requested. */
    void await() throws InterruptedException {
        requested.await();
    }
}
