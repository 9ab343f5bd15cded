package dev.scalerhost.host.cli;

import dev.scalerhost.host.cli.CommandLine.UsageException;
import dev.scalerhost.host.logging.JulBridge;
import dev.scalerhost.host.plugin.OutOfMemoryNote;
import dev.scalerhost.host.secrets.RedactingOutputStream;
import dev.scalerhost.host.threads.DaemonThreads;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The entry point of {@code bin/scalerhost}. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        // Before anything prints: every line of the process passes here, whoever writes it.
        RedactingOutputStream.installOnSystemStreams();
        // Its first line links the plugin-call bookkeeping, a few milliseconds the start need not wait
        // for; until the file is open there is no note, as for a start that cannot open it.
        DaemonThreads.named("scalerhost-oom-note").newThread(OutOfMemoryNote::start).start();
        JulBridge.install();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                LOG.error("uncaught failure in thread {}", thread.getName(), error));
        System.exit(run(args, Environment.ofProcess()));
    }

    /** Runs one command and returns the process exit code. */
    static int run(String[] args, Environment environment) {
        CommandLine line;
        try {
            line = CommandLine.parse(Arrays.asList(args),
                    Optional.ofNullable(environment.env().get("SCALERHOST_CONFIG")));
        } catch (UsageException e) {
            environment.err().println("scalerhost: " + e.getMessage());
            environment.err().print(CommandLine.USAGE);
            return ExitCode.INVALID;
        }
        try {
            return switch (line.command()) {
                case HELP -> {
                    environment.out().print(CommandLine.USAGE);
                    yield ExitCode.OK;
                }
                case RUN -> RunCommand.run(line, environment, StopSignal.install());
                case CHECK -> CheckCommand.run(line, environment);
                case PLUGINS -> PluginsCommand.run(line, environment);
                case SCHEMA -> SchemaCommand.run(line, environment);
                case VERSION -> VersionCommand.run(environment);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILED;
        }
    }
}
