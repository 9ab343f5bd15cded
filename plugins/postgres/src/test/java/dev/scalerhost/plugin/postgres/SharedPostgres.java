package dev.scalerhost.plugin.postgres;

import dev.scalerhost.testservers.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link PostgresServer} parameter to one real PostgreSQL shared by every test class of the
 * run, closed when the run ends. Classes isolate themselves by database name and must not stop it.
 */
final class SharedPostgres implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedPostgres.class, key -> new Holder(), Holder.class).server;
    }

    private static final class Holder implements AutoCloseable {
        private final PostgresServer server;

        Holder() {
            try {
                server = PostgresServer.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
            }
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
