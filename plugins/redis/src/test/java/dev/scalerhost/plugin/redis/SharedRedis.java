package dev.scalerhost.plugin.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalerhost.testservers.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Redis server the test classes of this module share: started by the first that asks, stopped
 * when the test JVM ends. Tests isolate themselves by key names; a test that stops its server starts
 * its own.
 */
final class SharedRedis {

    private static RedisServer server;

    private SharedRedis() {
    }

    static synchronized RedisServer server() {
        assumeTrue(RedisServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "redis-server is not installed (apt-get install redis-server); under CI=true this fails instead");
        if (server == null) {
            try {
                server = RedisServer.started();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the shared Redis server", e);
            }
            RedisServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-redis-stop"));
        }
        return server;
    }
}
