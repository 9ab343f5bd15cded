package dev.scalerhost.demo;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./demo}: see {@link DemoOptions#USAGE}. Exit codes: 0 after {@code --duration} or a stop by
 * signal, 1 when something failed (the message says what), 2 for wrong arguments, 3 with
 * {@code --strict} when the last table drawn has an error row.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(List.of(args), System.console() != null);
        } catch (DemoOptions.UsageException e) {
            boolean help = e.getMessage().equals(DemoOptions.USAGE);
            (help ? System.out : System.err).println(help ? e.getMessage() : "demo: " + e.getMessage());
            System.exit(help ? 0 : 2);
            return;
        }
        try {
            options = options.withFreePorts();
        } catch (IOException e) {
            System.err.println("demo: no free port on " + options.bindAddress() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        // Before the first logger exists: the logback configuration reads it.
        System.setProperty("scalerhost.demo.log", options.workDir().resolve("demo.log").toString());

        Demo demo = new Demo(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        int exit = 0;
        try {
            demo.run();
            Optional<String> errors = options.strict() ? errorRows(demo.lastTable()) : Optional.empty();
            if (errors.isPresent()) {
                System.err.println();
                System.err.println("demo: --strict: " + errors.get());
                exit = 3;
            }
        } catch (Demo.StoppedException e) {
            // Ctrl-C while starting: what was started is stopped below, and that is no failure.
            exit = 0;
        } catch (Exception e) {
            System.err.println();
            System.err.println("demo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            exit = 1;
        } finally {
            demo.close();
        }
        System.exit(exit);
    }

    /** What is wrong with the last table drawn, if it has error rows or none was drawn. */
    static Optional<String> errorRows(List<ScalerRow> lastTable) {
        if (lastTable.isEmpty()) {
            return Optional.of("no table was drawn");
        }
        List<String> failed = lastTable.stream().filter(row -> row.error().isPresent())
                .map(row -> row.serviceType() + ": " + row.error().get()).toList();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the last table has " + failed.size() + " error row(s):\n  " + String.join("\n  ", failed));
    }
}
