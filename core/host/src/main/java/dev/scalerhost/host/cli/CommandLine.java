package dev.scalerhost.host.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed arguments of {@code bin/scalerhost}.
 *
 * @param command     {@code run} (default), {@code check}, {@code plugins} or {@code version}
 * @param config      the configuration file ({@code --config}); required by run and check
 * @param pluginsDir  overrides {@code plugins.directory} ({@code --plugins-dir})
 * @param validateOnly {@code check --validate-only}: validate and prepare, measure nothing
 */
public record CommandLine(Command command, Optional<Path> config, Optional<Path> pluginsDir, boolean validateOnly) {

    /** What to do. */
    public enum Command { RUN, CHECK, PLUGINS, SCHEMA, VERSION, HELP }

    public static final String USAGE = """
            Usage: scalerhost [run|check|plugins|schema|version] [--config FILE] [--plugins-dir DIR] [--validate-only]

              run       serve KEDA's external scaler gRPC and the HTTP probes (default)
              check     validate FILE, load plugins, open sources, measure every serviceType once
                        --validate-only: measure nothing and contact no backend; unset variables
                        and missing secret files are reported as not checked, not as errors
              plugins   list the plugins found and the ones that failed to load
              schema    print the JSON Schema of the configuration for the plugins installed
              version   print this version and the plugin API (SPI) version; also --version

              --config FILE        the configuration file (run, check; env SCALERHOST_CONFIG)
              --plugins-dir DIR    use DIR instead of the config's plugins.directory
              --help               this text
            """;

    public CommandLine {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
    }

    public CommandLine(Command command, Optional<Path> config, Optional<Path> pluginsDir) {
        this(command, config, pluginsDir, false);
    }

    /**
     * Parses {@code args}; {@code defaultConfig} (from {@code SCALERHOST_CONFIG}) is used when no
     * {@code --config} is given.
     *
     * @throws UsageException with a message for the user when the arguments are wrong
     */
    public static CommandLine parse(List<String> args, Optional<String> defaultConfig) {
        Command command = null;
        Path config = null;
        Path pluginsDir = null;
        boolean validateOnly = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "run", "check", "plugins", "schema", "version" -> {
                    if (command != null) {
                        throw new UsageException("only one command may be given, got '" + command.name().toLowerCase()
                                + "' and '" + arg + "'");
                    }
                    command = Command.valueOf(arg.toUpperCase());
                }
                case "--config", "-c" -> config = Path.of(valueOf(args, ++i, arg));
                case "--plugins-dir" -> pluginsDir = Path.of(valueOf(args, ++i, arg));
                case "--validate-only" -> validateOnly = true;
                case "--help", "-h", "help" -> command = Command.HELP;
                case "--version" -> command = Command.VERSION;
                default -> {
                    if (arg.startsWith("--config=")) {
                        config = Path.of(nonEmpty(arg.substring("--config=".length()), "--config"));
                    } else if (arg.startsWith("--plugins-dir=")) {
                        pluginsDir = Path.of(nonEmpty(arg.substring("--plugins-dir=".length()), "--plugins-dir"));
                    } else {
                        throw new UsageException("unknown argument '" + arg + "'");
                    }
                }
            }
        }
        Command chosen = command == null ? Command.RUN : command;
        if (config == null && defaultConfig.isPresent() && !defaultConfig.get().isBlank()) {
            config = Path.of(defaultConfig.get());
        }
        if (config == null && (chosen == Command.RUN || chosen == Command.CHECK)) {
            throw new UsageException(chosen.name().toLowerCase() + " needs --config FILE (or SCALERHOST_CONFIG)");
        }
        if (validateOnly && chosen != Command.CHECK && chosen != Command.HELP) {
            throw new UsageException("--validate-only goes with check: scalerhost check --validate-only --config FILE");
        }
        return new CommandLine(chosen, Optional.ofNullable(config), Optional.ofNullable(pluginsDir), validateOnly);
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return nonEmpty(args.get(index), option);
    }

    private static String nonEmpty(String value, String option) {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a non-empty value");
        }
        return value;
    }

    /** Wrong arguments; the message is for the user. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
