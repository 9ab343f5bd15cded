package dev.scalerhost.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The unpacked distribution under test and a scratch directory for each test's files.
 *
 * <p>Maven's failsafe run sets {@code scalerhost.distribution} (the unpacked {@code scalerhost-<version>}
 * directory) and {@code scalerhost.it.work}; an IDE run needs them set the same way after
 * {@code ./mvnw -B verify -pl it-tests -am} has unpacked the tarball once.
 */
public final class Distribution {

    private final Path home;
    private final Path work;

    private Distribution(Path home, Path work) {
        this.home = home;
        this.work = work;
    }

    /** The distribution that this build unpacked; fails with what to run if it is missing. */
    public static Distribution unpacked() {
        String home = System.getProperty("scalerhost.distribution");
        if (home == null || !Files.isDirectory(Paths.get(home))) {
            throw new IllegalStateException("no unpacked distribution at '" + home + "' (system property "
                    + "scalerhost.distribution); run ./mvnw -B verify -pl it-tests -am, which builds and unpacks it");
        }
        String work = System.getProperty("scalerhost.it.work", Paths.get("target", "it-work").toString());
        return new Distribution(Paths.get(home).toAbsolutePath(), Paths.get(work).toAbsolutePath());
    }

    /**
     * Another unpacked distribution beside this build's, e.g. one built from another commit for a
     * benchmark's baseline; its processes keep their files in this build's work directory.
     */
    public Distribution other(Path otherHome) {
        if (!Files.isExecutable(otherHome.resolve("bin").resolve("scalerhost"))) {
            throw new IllegalStateException("no unpacked distribution at " + otherHome + " (bin/scalerhost is missing)");
        }
        return new Distribution(otherHome.toAbsolutePath(), work);
    }

    /** The version the build gave the distribution. */
    public static String version() {
        String version = System.getProperty("scalerhost.version");
        if (version == null) {
            throw new IllegalStateException("system property scalerhost.version is not set; run the ITs through Maven");
        }
        return version;
    }

    public Path home() {
        return home;
    }

    public Path launcher() {
        return home.resolve("bin").resolve("scalerhost");
    }

    public Path lib() {
        return home.resolve("lib");
    }

    public Path plugins() {
        return home.resolve("plugins");
    }

    public Path config() {
        return home.resolve("config");
    }

    /**
     * A private copy of this distribution in a new work directory named after {@code prefix}, for a
     * test that adds plugins to {@code plugins/} without touching the shared one. Files are copied,
     * not linked: the launcher finds its home through its own real path.
     */
    public Distribution copy(String prefix) {
        Path target = newWorkDirectory(prefix).resolve(home.getFileName());
        try (Stream<Path> tree = Files.walk(home)) {
            for (Path source : tree.toList()) {
                Path copy = target.resolve(home.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the distribution " + home + " to " + target, e);
        }
        return new Distribution(target, work);
    }

    /** A new, empty directory for one test's config and log files, named after {@code prefix}. */
    public Path newWorkDirectory(String prefix) {
        try {
            Files.createDirectories(work);
            return Files.createTempDirectory(work, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory under " + work, e);
        }
    }
}
