package dev.scalerhost.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Draws the polling rounds as a table: redrawn in place with ANSI escapes on a terminal, appended as
 * plain blocks separated by a blank line otherwise (logs, pipes, tests).
 */
final class TableView {

    private static final String CLEAR_LINE = "\033[K";
    private static final String CLEAR_BELOW = "\033[J";
    private static final int ERROR_WIDTH = 70;

    private final PrintStream out;
    private final boolean ansi;
    private int drawnLines;

    TableView(PrintStream out, DemoOptions.Display display) {
        this.out = Objects.requireNonNull(out, "out");
        this.ansi = display == DemoOptions.Display.ANSI;
    }

    /** Draws one round under {@code title}. */
    synchronized void draw(String title, List<ScalerRow> rows) {
        draw(title, rows, Map.of());
    }

    /** Draws one round, with the host's figures by serviceType for the LAG S and NEEDS columns. */
    synchronized void draw(String title, List<ScalerRow> rows, Map<String, Map<String, Double>> figures) {
        List<String> lines = lines(title, rows, figures);
        StringBuilder text = new StringBuilder();
        if (ansi && drawnLines > 0) {
            text.append("\033[").append(drawnLines).append('F');
        }
        for (String line : lines) {
            text.append(line).append(ansi ? CLEAR_LINE : "").append('\n');
        }
        if (ansi) {
            text.append(CLEAR_BELOW);
        } else {
            text.append('\n');
        }
        out.print(text);
        out.flush();
        drawnLines = lines.size();
    }

    static List<String> lines(String title, List<ScalerRow> rows) {
        return lines(title, rows, Map.of());
    }

    /**
     * The table; beside the value, a Kafka serviceType's lag in seconds and the replicas figure the
     * host computes whatever the binding's metric ({@code /status} details {@code lagSeconds},
     * {@code replicas}), "-" where there is none.
     */
    static List<String> lines(String title, List<ScalerRow> rows, Map<String, Map<String, Double>> figures) {
        int nameWidth = "SERVICE TYPE".length();
        for (ScalerRow row : rows) {
            nameWidth = Math.max(nameWidth, row.serviceType().length());
        }
        String format = "%-" + nameWidth + "s  %9s  %7s  %6s  %7s  %7s  %-6s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.add(String.format(Locale.ROOT, format, "SERVICE TYPE", "VALUE", "LAG S", "NEEDS", "TARGET", "DESIRED", "ACTIVE",
                "REPLICAS (max " + ScalerRow.MAX_REPLICAS + ")"));
        for (ScalerRow row : rows) {
            String target = row.target().map(TableView::number).orElse("-");
            Map<String, Double> details = figures.getOrDefault(row.serviceType(), Map.of());
            String lagSeconds = figure(details, "lagSeconds");
            String needs = figure(details, "replicas");
            if (row.error().isPresent()) {
                lines.add(String.format(Locale.ROOT, format, row.serviceType(), "-", lagSeconds, needs, target, "-", "-",
                        "error: " + shorten(row.error().get())));
            } else {
                int desired = row.desiredReplicas().orElse(0);
                lines.add(String.format(Locale.ROOT, format, row.serviceType(), number(row.value().orElseThrow()),
                        lagSeconds, needs, target, desired, row.active() ? "yes" : "no", "#".repeat(desired)));
            }
        }
        return lines;
    }

    private static String figure(Map<String, Double> details, String name) {
        Double value = details.get(name);
        return value == null ? "-" : name.equals("lagSeconds") ? String.format(Locale.ROOT, "%.1f", value) : number(value);
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= ERROR_WIDTH ? oneLine : oneLine.substring(0, ERROR_WIDTH - 3) + "...";
    }
}
