package dev.scalerhost.host.cli;

/** The process exit codes of {@code bin/scalerhost}. */
final class ExitCode {

    /** Everything worked; also a clean stop after SIGTERM. */
    static final int OK = 0;
    /** {@code check}: a measurement failed; {@code plugins}: a plugin failed to load; run: a port could not be opened. */
    static final int FAILED = 1;
    /** Wrong arguments or an invalid configuration; nothing was started. */
    static final int INVALID = 2;

    private ExitCode() {
    }
}
