package dev.scalerhost.demo;

import java.util.List;

/**
 * {@code ./demo}: see {@link DemoOptions#USAGE}. Exit codes: 0 after {@code --duration} or a stop by
 * signal, 1 when something failed (the message says what), 2 for wrong arguments.
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
        // Before the first logger exists: the logback configuration reads it.
        System.setProperty("scalerhost.demo.log", options.workDir().resolve("demo.log").toString());

        Demo demo = new Demo(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        int exit = 0;
        try {
            demo.run();
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
}
