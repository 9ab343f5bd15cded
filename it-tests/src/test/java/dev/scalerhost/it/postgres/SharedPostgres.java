package dev.scalerhost.it.postgres;

import dev.scalerhost.testservers.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL server that the test classes of this package share: started by the first one that
 * asks, stopped (and its data deleted) when the test JVM ends. Tests isolate themselves by database
 * and role names; a test that takes its server down starts its own instead.
 */
final class SharedPostgres {

    private static PostgresServer server;

    private SharedPostgres() {
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            try {
                server = PostgresServer.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the shared PostgreSQL server", e);
            }
            PostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-postgres-stop"));
        }
        return server;
    }
}
