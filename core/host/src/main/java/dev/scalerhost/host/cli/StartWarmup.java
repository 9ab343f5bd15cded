package dev.scalerhost.host.cli;

import dev.scalerhost.host.grpc.GrpcServer;
import dev.scalerhost.host.http.HostHttpServer;
import dev.scalerhost.host.threads.DaemonThreads;

/**
 * The servers' one-time static set-up, run on other threads while the main thread reads the
 * configuration and loads the plugins, so that the main thread finds it done (class initialisation
 * is synchronized: a thread that gets there second waits for the first instead of doing it again).
 * Together 4 to 6 % less time to ready on Java 25 with the AOT cache (docs/benchmarks.md).
 *
 * <ul>
 *   <li>gRPC's Netty transport ({@link GrpcServer#prepareTransport()}): its platform probes, the event
 *       loop groups' resources and, on Java 24+, method handles took about 65 ms of the main thread.
 *   <li>Jetty ({@link HostHttpServer#prepareServer()}): its MIME type table lists every locale of the
 *       JDK, 50 to 60 ms that the thread building the HTTP server then waited for.
 * </ul>
 *
 * <p>Not the JDK's default TLS context: building it took about 0.1 s of CPU that the path to ready
 * competed for on a small machine, while nothing on that path needs it (an HTTP source builds its
 * client at its first request; a Kafka or PostgreSQL source with TLS builds it as it opens).
 */
final class StartWarmup {

    private StartWarmup() {
    }

    /** Starts the set-up; returns at once. */
    static void start() {
        DaemonThreads.named("scalerhost-warmup-grpc").newThread(GrpcServer::prepareTransport).start();
        DaemonThreads.named("scalerhost-warmup-http").newThread(HostHttpServer::prepareServer).start();
    }
}
