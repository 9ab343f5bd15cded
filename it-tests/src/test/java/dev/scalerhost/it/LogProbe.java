package dev.scalerhost.it;

import org.slf4j.LoggerFactory;

/** Logs one line at INFO and one that the host's built-in logging silences, then exits. */
public final class LogProbe {

    private LogProbe() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger("probe").info("hello \"world\"");
        LoggerFactory.getLogger("org.eclipse.jetty.probe").info("silenced below WARN");
    }
}
