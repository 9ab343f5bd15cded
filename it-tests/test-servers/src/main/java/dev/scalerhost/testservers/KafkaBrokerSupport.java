package dev.scalerhost.testservers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small helpers of {@link KafkaBroker}: ports, cluster ids, cleanup, the broker's classpath. */
final class KafkaBrokerSupport {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KafkaBrokerSupport() {
    }

    /** A loopback port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A cluster id as Kafka's {@code StorageTool random-uuid} prints it (16 random bytes, URL-safe
     * Base64 without padding), made here to save starting a JVM for it. Kafka rejects ids starting
     * with a dash because they read like command-line options.
     */
    static String randomClusterId() {
        while (true) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** Deletes {@code dir} and everything in it; a missing directory is fine. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private static String classpath;

    /** The broker's classpath, as written at build time by the maven-dependency-plugin next to this class. */
    static synchronized String brokerClasspath() {
        if (classpath == null) {
            classpath = readResource("kafka-broker.classpath") + File.pathSeparator
                    + readResource("kafka-broker-slf4j.classpath");
        }
        return classpath;
    }

    private static String readResource(String resource) {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " is missing next to "
                        + KafkaBroker.class.getName() + "; it is written by the build of scalerhost-test-servers"
                        + " (maven-dependency-plugin build-classpath)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
