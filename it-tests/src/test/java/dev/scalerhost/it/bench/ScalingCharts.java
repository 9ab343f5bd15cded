package dev.scalerhost.it.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws replicas and true lag over time, one line per trigger, as PNG files with XChart. */
final class ScalingCharts {

    private ScalingCharts() {
    }

    static void draw(Scenario scenario, List<TriggerRun.Result> results, Path directory) throws IOException {
        XYChart replicas = chart(scenario.title() + ": replicas", "replicas");
        XYChart lag = chart(scenario.title() + ": true lag", "oldest record processed (s)");
        for (TriggerRun.Result result : results) {
            double[] seconds = result.samples().stream().mapToDouble(TriggerRun.Sample::second).toArray();
            add(replicas, result.trigger(), seconds,
                    result.samples().stream().mapToDouble(TriggerRun.Sample::replicas).toArray());
            add(lag, result.trigger(), seconds,
                    result.samples().stream().mapToDouble(TriggerRun.Sample::trueLagSeconds).toArray());
        }
        double[] span = {0, scenario.seconds()};
        XYSeries acceptable = lag.addSeries("acceptable delay", span,
                new double[] {ScalingSimulation.ACCEPTABLE_DELAY_SECONDS, ScalingSimulation.ACCEPTABLE_DELAY_SECONDS});
        acceptable.setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(replicas, directory.resolve(scenario.name() + "-replicas.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(lag, directory.resolve(scenario.name() + "-lag.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(1000).height(380).title(title).xAxisTitle("seconds").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }
}
