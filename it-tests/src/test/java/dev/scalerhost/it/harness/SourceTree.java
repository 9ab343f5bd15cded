package dev.scalerhost.it.harness;

import java.nio.file.Path;

/** The checkout the tests run from, which Maven names in the system property {@value #PROPERTY}. */
public final class SourceTree {

    public static final String PROPERTY = "scalerhost.source.root";

    private SourceTree() {
    }

    public static Path root() {
        String root = System.getProperty(PROPERTY);
        if (root == null) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set; run the ITs through Maven");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }
}
