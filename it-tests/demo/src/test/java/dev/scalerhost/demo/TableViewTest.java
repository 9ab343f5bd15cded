package dev.scalerhost.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableViewTest {

    @Test
    void desiredReplicasFollowTheHpaArithmeticAndScaleToZeroWhenInactive() {
        assertThat(ScalerRow.answered("a", 250, 100, true).desiredReplicas()).contains(3);
        assertThat(ScalerRow.answered("a", 0, 100, true).desiredReplicas()).contains(1);
        assertThat(ScalerRow.answered("a", 5000, 100, true).desiredReplicas()).contains(ScalerRow.MAX_REPLICAS);
        assertThat(ScalerRow.answered("a", 250, 100, false).desiredReplicas()).contains(0);
        assertThat(ScalerRow.failed("a", Optional.of(100.0), "UNAVAILABLE").desiredReplicas()).isEmpty();
    }

    @Test
    void rowsShowValueTargetDesiredActiveAndErrors() {
        List<String> lines = TableView.lines("title", List.of(
                ScalerRow.answered("ingest-logs", 151, 100, true),
                ScalerRow.failed("worker-ingest-logs", Optional.of(20.0), "UNAVAILABLE: source 'queue-db' is down")));
        assertThat(lines.get(0)).isEqualTo("title");
        assertThat(lines.get(1)).contains("SERVICE TYPE", "VALUE", "TARGET", "DESIRED", "ACTIVE");
        assertThat(lines.get(2)).matches("ingest-logs\\s+151\\s+-\\s+-\\s+100\\s+2\\s+yes\\s+##");
        assertThat(lines.get(3)).matches("worker-ingest-logs\\s+-\\s+-\\s+-\\s+20\\s+-\\s+-\\s+error: UNAVAILABLE: source 'queue-db' is down");
    }

    @Test
    void showsTheHostsLagInSecondsAndReplicasFigureBesideTheLag() throws Exception {
        var figures = StatusFigures.parse("""
                {"serviceTypes": {"ingest-logs": {"value": 151, "details": {"lag": 151, "lagSeconds": 12.345, "replicas": 3}},
                                  "worker-ingest-logs": {"value": 4, "details": {}}}}""");
        List<String> lines = TableView.lines("title", List.of(ScalerRow.answered("ingest-logs", 151, 100, true),
                ScalerRow.answered("worker-ingest-logs", 4, 20, true)), figures);
        assertThat(lines.get(1)).matches("SERVICE TYPE\\s+VALUE\\s+LAG S\\s+NEEDS\\s+TARGET.*");
        assertThat(lines.get(2)).matches("ingest-logs\\s+151\\s+12\\.3\\s+3\\s+100\\s+2\\s+yes\\s+##");
        assertThat(lines.get(3)).matches("worker-ingest-logs\\s+4\\s+-\\s+-\\s+20\\s+1\\s+yes\\s+#");
    }

    @Test
    void ansiRedrawsInPlaceWhilePlainAppendsBlocks() {
        List<ScalerRow> rows = List.of(ScalerRow.answered("ingest-logs", 1.5, 100, true));
        ByteArrayOutputStream ansi = new ByteArrayOutputStream();
        TableView ansiView = new TableView(new PrintStream(ansi, true, StandardCharsets.UTF_8), DemoOptions.Display.ANSI);
        ansiView.draw("t", rows);
        ansiView.draw("t", rows);
        assertThat(ansi.toString(StandardCharsets.UTF_8)).contains("\033[3F").contains("1.5");

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        TableView plainView = new TableView(new PrintStream(plain, true, StandardCharsets.UTF_8), DemoOptions.Display.PLAIN);
        plainView.draw("t", rows);
        plainView.draw("t", rows);
        assertThat(plain.toString(StandardCharsets.UTF_8)).doesNotContain("\033").contains("\n\nt\n");
    }
}
