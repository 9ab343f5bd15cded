package dev.scalerhost.demo;

import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.PostgresServer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers behind the demo, started side by side with the it-tests' launchers: a single-node
 * Kafka broker in a child JVM and an embedded PostgreSQL. {@link #close()} stops the broker first,
 * then the database.
 */
final class Backends implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private final KafkaBroker broker;
    private final PostgresServer postgres;

    private Backends(KafkaBroker broker, PostgresServer postgres) {
        this.broker = broker;
        this.postgres = postgres;
    }

    /** Starts both; if either fails, the other is stopped again before the failure is thrown. */
    static Backends start() throws IOException {
        KafkaBroker broker = new KafkaBroker();
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(() -> {
            try {
                return PostgresServer.start();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
        try {
            broker.start();
        } catch (IOException | RuntimeException e) {
            broker.close();
            try {
                postgres.join().close();
            } catch (CompletionException alsoFailed) {
                e.addSuppressed(alsoFailed.getCause());
            }
            throw e;
        }
        try {
            return new Backends(broker, postgres.join());
        } catch (CompletionException e) {
            broker.close();
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException("PostgreSQL did not start: " + cause, cause);
        }
    }

    KafkaBroker broker() {
        return broker;
    }

    PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        try {
            broker.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping the Kafka broker: {}", e.toString());
        } finally {
            postgres.close();
        }
    }
}
