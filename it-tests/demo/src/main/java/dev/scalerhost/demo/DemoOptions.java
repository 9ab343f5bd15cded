package dev.scalerhost.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./demo} was asked to do.
 *
 * @param grpcPort      the host's gRPC port (KEDA's {@code scalerAddress})
 * @param httpPort      the host's HTTP port (/status, /metrics, probes)
 * @param bindAddress   the address both listeners bind to
 * @param duration      stop by itself after the workload ran this long; empty: until Ctrl-C
 * @param display       how the table is drawn
 * @param distribution  the unpacked distribution (its {@code bin/scalerhost} is started)
 * @param workDir       where the host's config and every log of this run go
 * @param strict        whether an error row in the last table drawn makes the demo fail (exit 3)
 */
public record DemoOptions(int grpcPort, int httpPort, String bindAddress, Optional<Duration> duration,
                          Display display, Path distribution, Path workDir, boolean strict) {

    /** How the table is drawn. */
    public enum Display {
        /** Redrawn in place with ANSI escapes. */
        ANSI,
        /** Appended as plain blocks, for logs and pipes. */
        PLAIN
    }

    public static final String USAGE = """
            Usage: ./demo [--grpc-port N] [--http-port N] [--bind ADDRESS] [--duration D] [--display ansi|plain] [--strict]

              --grpc-port N      the host's gRPC port, KEDA's scalerAddress (default 9090; 0: any free port)
              --http-port N      the host's HTTP port: /status, /metrics, /readyz (default 8080; 0: any free port)
              --bind ADDRESS     the address both ports listen on (default 127.0.0.1; 0.0.0.0 lets a
                                 KEDA in a local cluster reach the host)
              --duration D       stop by itself after the workload ran D (e.g. 60s, 5m); default: until Ctrl-C
              --display MODE     ansi: redraw the table in place; plain: append blocks (default: ansi on a terminal)
              --distribution DIR the unpacked scalerhost distribution (default: the one this build unpacked)
              --work-dir DIR     where the host's config and the logs go (default: it-tests/demo/target/demo)
              --strict           fail (exit 3) if the last table drawn has an error row; what CI runs
              --help             this text

            Exit codes: 0 after --duration (130 after Ctrl-C), 1 when something failed (the message says what),
            2 for wrong arguments, 3 with --strict when the last table has an error row.
            """;

    private static final Set<String> OPTIONS = Set.of("--grpc-port", "--http-port", "--bind", "--duration",
            "--display", "--distribution", "--work-dir");
    private static final String STRICT = "--strict";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    public DemoOptions {
        checkPort(grpcPort, "--grpc-port");
        checkPort(httpPort, "--http-port");
        if (grpcPort == httpPort && grpcPort != 0) {
            throw new UsageException("--grpc-port and --http-port are both " + grpcPort + ": give each its own port");
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(workDir, "workDir");
    }

    /**
     * Parses {@code args}; the distribution and work directory default to where the build put them
     * ({@code scalerhost-demo.properties}), the display to ANSI when {@code onTerminal}.
     *
     * @throws UsageException with a message for the user; {@link #USAGE} when {@code --help} was given
     */
    public static DemoOptions parse(List<String> args, boolean onTerminal) {
        Properties built = builtPaths();
        int grpcPort = 9090;
        int httpPort = 8080;
        String bind = "127.0.0.1";
        Optional<Duration> duration = Optional.empty();
        Display display = onTerminal ? Display.ANSI : Display.PLAIN;
        Path distribution = Path.of(built.getProperty("distribution"));
        Path workDir = Path.of(built.getProperty("workDir"));
        boolean strict = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                throw new UsageException(USAGE);
            }
            if (option.equals(STRICT)) {
                strict = true;
                continue;
            }
            if (!OPTIONS.contains(option)) {
                throw new UsageException("unknown option '" + option + "'\n\n" + USAGE);
            }
            String value = valueOf(args, ++i, option);
            switch (option) {
                case "--grpc-port" -> grpcPort = port(value, option);
                case "--http-port" -> httpPort = port(value, option);
                case "--bind" -> bind = value;
                case "--duration" -> duration = Optional.of(duration(value));
                case "--display" -> display = display(value);
                case "--distribution" -> distribution = Path.of(value);
                case "--work-dir" -> workDir = Path.of(value);
                default -> throw new IllegalStateException("option " + option + " is listed but not handled");
            }
        }
        return new DemoOptions(grpcPort, httpPort, bind, duration, display,
                distribution.toAbsolutePath().normalize(), workDir.toAbsolutePath().normalize(), strict);
    }

    /** These options with port 0 replaced by a port that is free on the bind address now. */
    DemoOptions withFreePorts() throws IOException {
        int grpc = grpcPort == 0 ? Ports.free(bindAddress) : grpcPort;
        int http = httpPort;
        while (http == 0 || http == grpc) {
            http = Ports.free(bindAddress);
        }
        return new DemoOptions(grpc, http, bindAddress, duration, display, distribution, workDir, strict);
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).isBlank()) {
            throw new UsageException(option + " needs a value\n\n" + USAGE);
        }
        return args.get(index);
    }

    private static int port(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a port number from 1 to 65535 (or 0 for any free port), got '"
                    + value + "'");
        }
    }

    private static void checkPort(int port, String option) {
        if (port < 0 || port > 65535) {
            throw new UsageException(option + " must be a port number from 1 to 65535 (or 0 for any free port), got "
                    + port);
        }
    }

    static Duration duration(String value) {
        Matcher matcher = DURATION.matcher(value.trim());
        if (!matcher.matches()) {
            throw new UsageException("--duration must look like 40s, 5m or 1h, got '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration parsed = switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (parsed.isZero()) {
            throw new UsageException("--duration must be positive, got '" + value + "'");
        }
        return parsed;
    }

    private static Display display(String value) {
        return switch (value) {
            case "ansi" -> Display.ANSI;
            case "plain" -> Display.PLAIN;
            default -> throw new UsageException("--display must be ansi or plain, got '" + value + "'");
        };
    }

    private static Properties builtPaths() {
        Properties properties = new Properties();
        try (InputStream in = DemoOptions.class.getResourceAsStream("/scalerhost-demo.properties")) {
            if (in == null) {
                throw new IllegalStateException("scalerhost-demo.properties is missing from the classpath: "
                        + "build the demo with ./demo or ./mvnw package -pl it-tests/demo -am");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scalerhost-demo.properties", e);
        }
        return properties;
    }

    /** Wrong arguments; the message is for the user. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
