package dev.scalerhost.host.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command gets from the process: environment variables, the distribution root and the
 * output streams. Tests pass their own.
 *
 * @param env  environment variables for {@code ${...}} substitution
 * @param home the distribution root ({@code SCALERHOST_HOME}); relative config paths resolve here
 * @param out  where reports go
 * @param err  where usage and configuration errors go
 */
record Environment(Map<String, String> env, Path home, PrintStream out, PrintStream err) {

    Environment {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The real process environment. */
    static Environment ofProcess() {
        String home = System.getProperty("scalerhost.home", System.getenv("SCALERHOST_HOME"));
        return new Environment(System.getenv(),
                Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize(),
                System.out, System.err);
    }
}
