package dev.scalerhost.host.cli;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.engine.PreparedServiceType;
import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.runtime.LoadedHost;
import dev.scalerhost.host.runtime.Validation;
import java.nio.file.Path;
import dev.scalerhost.spi.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code scalerhost check}: validates the file, loads plugins, opens sources and measures every
 * serviceType once, printing a table. Opens no port. With {@code --validate-only} it stops before
 * measuring ({@link Validation}).
 */
final class CheckCommand {

    private CheckCommand() {
    }

    static int run(CommandLine line, Environment environment) throws InterruptedException {
        try (HostServices services = new HostServices()) {
            if (line.validateOnly()) {
                return validate(services, line, environment);
            }
            LoadedHost loaded;
            try {
                loaded = services.load(environment, line.config().orElseThrow(), line.pluginsDir());
            } catch (ConfigException e) {
                environment.err().println(e.getMessage());
                return ExitCode.INVALID;
            }
            try (loaded; MeasurementEngine engine =
                    new MeasurementEngine(loaded.sources(), loaded.serviceTypes(), services.metrics, services.clock)) {
                engine.start();
                return report(loaded, engine, environment);
            }
        }
    }

    private static int validate(HostServices services, CommandLine line, Environment environment) {
        Path file = line.config().orElseThrow();
        Validation validation;
        try {
            validation = services.loader(environment, line.pluginsDir()).validate(file);
        } catch (ConfigException e) {
            environment.err().println(e.getMessage());
            return ExitCode.INVALID;
        }
        environment.out().printf("%s: valid: %d sources, %d serviceTypes; plugins loaded, every source opened and "
                + "every binding prepared; nothing measured, no backend contacted%n",
                file, validation.sources(), validation.serviceTypes());
        if (!validation.notes().isEmpty()) {
            environment.out().println("Not checked here:");
            validation.notes().forEach(note -> environment.out().println("  " + note));
        }
        return ExitCode.OK;
    }

    private static int report(LoadedHost loaded, MeasurementEngine engine, Environment environment)
            throws InterruptedException {
        List<CompletableFuture<Reading.Value>> answers = new ArrayList<>();
        for (PreparedServiceType prepared : loaded.serviceTypes()) {
            answers.add(engine.read(prepared.config().serviceType(), prepared.config().timing().timeout()));
        }
        TextTable table = new TextTable("SERVICETYPE", "SOURCE", "VALUE", "TARGET", "ACTIVATION", "ACTIVE", "RESULT");
        int failed = 0;
        for (int i = 0; i < answers.size(); i++) {
            ServiceTypeConfig config = loaded.serviceTypes().get(i).config();
            try {
                Reading.Value value = answers.get(i).get();
                table.row(config.serviceType(), origin(config), format(value.value()), format(config.target()),
                        format(config.activation()), value.activationValue() > config.activation(), "ok");
            } catch (ExecutionException e) {
                failed++;
                table.row(config.serviceType(), origin(config), null, format(config.target()),
                        format(config.activation()), null, e.getCause().getMessage());
            }
        }
        environment.out().print(table.render());
        environment.out().printf("%d serviceTypes, %d sources: %s%n", answers.size(), loaded.sources().size(),
                failed == 0 ? "all measured" : failed + " failed");
        return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The source's name, or what a composite combines. */
    private static String origin(ServiceTypeConfig config) {
        return config.isComposite() ? config.composite().describe() : config.source();
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
