package dev.scalerhost.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A Java installation that can create an AOT cache ({@code -XX:AOTCacheOutput}, Java 25+), for the
 * tests and the benchmark of the launcher's AOT cache, which run on the build's Java 17. Found in
 * this order: the system property {@value #PROPERTY}, the environment variable {@value #ENV}, the
 * newest such installation under {@code /usr/lib/jvm} (where the build machines have Temurin's).
 */
public final class AotJdk {

    public static final String PROPERTY = "scalerhost.it.jdk25";
    public static final String ENV = "SCALERHOST_IT_JDK25";
    public static final int FIRST_FEATURE = 25;
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\n]*)\"?$");

    private AotJdk() {
    }

    /** The installation, if there is one. */
    public static Optional<Path> find() {
        for (String named : new String[] {System.getProperty(PROPERTY), System.getenv(ENV)}) {
            if (named != null && !named.isBlank()) {
                Path home = Path.of(named);
                if (!usable(home)) {
                    throw new IllegalStateException(named + " (from " + PROPERTY + " / " + ENV
                            + ") is no Java " + FIRST_FEATURE + "+ installation with bin/java and a release file");
                }
                return Optional.of(home);
            }
        }
        if (!Files.isDirectory(JVM_DIRECTORY)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVM_DIRECTORY)) {
            return homes.filter(home -> !Files.isSymbolicLink(home)).filter(AotJdk::usable)
                    .max(Comparator.comparingInt(AotJdk::feature));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + JVM_DIRECTORY, e);
        }
    }

    /** The installation; skips the calling test when there is none, except under {@code CI=true}, where it fails. */
    public static Path require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String reason = "no Java " + FIRST_FEATURE + "+ found (set " + PROPERTY + " or " + ENV
                    + ", or install one under " + JVM_DIRECTORY + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(reason + "; under CI=true the AOT cache tests must run");
            }
            Assumptions.abort(reason);
        }
        return found.get();
    }

    /** {@code JAVA_VERSION} of the installation's release file, e.g. {@code 25.0.3}, as the launcher reads it. */
    public static String version(Path home) {
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            if (!matcher.find()) {
                throw new IllegalStateException("no JAVA_VERSION in " + home.resolve("release"));
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + home.resolve("release"), e);
        }
    }

    /** The file name under which the launcher looks for the cache of this installation. */
    public static String cacheName(Path home) {
        return "scalerhost-java" + version(home) + ".aot";
    }

    private static boolean usable(Path home) {
        return Files.isExecutable(home.resolve("bin").resolve("java")) && Files.isRegularFile(home.resolve("release"))
                && feature(home) >= FIRST_FEATURE;
    }

    private static int feature(Path home) {
        try {
            String version = version(home);
            return Integer.parseInt(List.of(version.split("[.+-]")).get(0));
        } catch (RuntimeException notAVersion) {
            return 0;
        }
    }
}
