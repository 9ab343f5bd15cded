package dev.scalerhost.host.runtime;

import dev.scalerhost.host.http.HostHttpServer;
import dev.scalerhost.host.threads.DaemonThreads;
import dev.scalerhost.host.threads.Uninterruptibly;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Builds and starts the HTTP server on its own thread while the caller starts the engine and gRPC.
 * Most of either server's start is its library initialising itself once per process (Jetty reads its
 * MIME tables and the platform MBean server; Netty loads its native transport), about 0.15 s apiece on a
 * small machine, which a second core does at the same time.
 */
final class HttpServerStart {

    private final FutureTask<HostHttpServer> task;

    private HttpServerStart(FutureTask<HostHttpServer> task) {
        this.task = task;
    }

    /** Starts building and starting the server {@code build} makes; returns at once. */
    static HttpServerStart begin(Callable<HostHttpServer> build) {
        FutureTask<HostHttpServer> task = new FutureTask<>(() -> {
            HostHttpServer server = build.call();
            server.start();
            return server;
        });
        DaemonThreads.named("scalerhost-http-start").newThread(task).start();
        return new HttpServerStart(task);
    }

    /**
     * Waits for the start and returns the started server.
     *
     * @throws IOException if the port cannot be bound, as {@link HostHttpServer#start()} reports it
     */
    HostHttpServer await() throws IOException {
        try {
            return Uninterruptibly.get(task);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) e.getCause();
        }
    }

    /** After a failed start elsewhere: waits for this one and stops the server if it started. */
    void abandon() {
        try {
            Uninterruptibly.get(task).stop(Duration.ZERO);
        } catch (ExecutionException e) {
            // It failed to start as well and stopped itself; the other failure is the one reported.
        }
    }
}
