package dev.scalerhost.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.KafkaFixture;
import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console of the running distribution in a real headless chromium, against real backends: a
 * Kafka broker (lag over partitions, with the plugin's details) and two workloads' {@code /metrics}
 * endpoints, one of which goes away. Screenshots go to {@code target/console-screenshots/}. The
 * tests share one host and browser; each stands alone, and the order only makes the screenshots
 * tell the story in sequence.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "console.ingest.logs";
    private static final String GROUP = "console.ingest";
    private static final String DEPTH = MetricsEndpoint.QUEUE_DEPTH;
    private static final String STORE_DEPTH = "store_queue_depth";
    private static final List<String> SERVICE_TYPES =
            List.of("ingest-logs", "queue-depth", "backpressure", "pressure", "store-queue");

    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("scalerhost.it.work", "target/it-work")).getParent().resolve("console-screenshots");

    private static KafkaBroker broker;
    private static MetricsEndpoint pipeline;
    private static MetricsEndpoint store;
    private static ScalerhostProcess host;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start(1400, 2300, SCREENSHOTS);
        broker = KafkaBroker.started();
        try (KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
            kafka.createTopics(List.of(TOPIC), 8);
            kafka.produce(TOPIC, 1000, 1000, 1000, 1000, 1000, 1000, 500, 0);
            kafka.commit(GROUP, TOPIC, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        pipeline = MetricsEndpoint.start();
        pipeline.set(DEPTH, 8000, "source", "store_coordinator");
        pipeline.set(MetricsEndpoint.BACKPRESSURE, 0, "provider", "ibkr");
        store = MetricsEndpoint.start();
        store.set(STORE_DEPTH, 12);
        String config = ScalerhostProcess.serverSection() + """
                sources:
                  kafka:
                    type: kafka-lag
                    bootstrapServers: %s
                    refreshInterval: 1s
                  pipeline:
                    type: metrics-endpoint
                    url: %s
                    refreshInterval: 500ms
                    maxStaleness: 5s
                  store:
                    type: metrics-endpoint
                    url: %s
                    refreshInterval: 500ms
                    timeout: 1s
                    maxStaleness: 2s
                serviceTypes:
                  ingest-logs:
                    source: kafka
                    topic: %s
                    consumerGroup: %s
                    lagThreshold: 1000
                  queue-depth:
                    source: pipeline
                    metric: %s
                    labels: {source: store_coordinator}
                    target: 2000
                  backpressure:
                    source: pipeline
                    metric: %s
                    aggregate: max
                    target: 1
                  pressure:
                    composite: max
                    of: {queue-depth: 1, backpressure: 2500}
                    target: 5000
                  store-queue:
                    source: store
                    metric: %s
                    target: 10
                    activation: 5
                """.formatted(broker.bootstrapServers(), pipeline.url(), store.url(), TOPIC, GROUP, DEPTH,
                MetricsEndpoint.BACKPRESSURE, STORE_DEPTH);
        host = ScalerhostProcess.builder(Distribution.unpacked()).name("console").config(config).start();
        browser.driver().get("http://127.0.0.1:" + host.httpPort() + "/");
        eventually().until(() -> rows().size() == SERVICE_TYPES.size());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null && host != null) {
                browser.screenshot("console");
            }
        } finally {
            if (browser != null) {
                browser.close();
            }
            if (host != null) {
                host.close();
            }
            for (AutoCloseable server : new AutoCloseable[] {pipeline, store, broker}) {
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void listsEveryServiceTypeWithTheReplicasTheHpaComputesAndWhy() throws Exception {
        eventually().untilAsserted(() -> {
            assertThat(rows()).extracting(row -> row.getAttribute("data-service-type"))
                    .containsExactlyElementsOf(SERVICE_TYPES);
            assertThat(cell("ingest-logs", "value")).isEqualTo("6,500");
            assertThat(cell("ingest-logs", "target")).isEqualTo("1,000");
            assertThat(cell("ingest-logs", "replicas")).as("ceil(6500 / 1000)").isEqualTo("7");
            assertThat(cell("ingest-logs", "active")).isEqualTo("yes");
            assertThat(cell("ingest-logs", "health")).isEqualTo("healthy");
            assertThat(why("ingest-logs"))
                    .contains("lag 6,500 over 8 partitions (7 with lag), target 1,000 → 7 replicas")
                    .contains("active because 6,500 > activation 0");
        });
        assertThat(browser.driver().findElement(By.tagName("main")).getText())
                .contains("AverageValue").contains("ceil(value / target)");
        assertThat(browser.driver().findElement(By.cssSelector("#plugins")).getText()).contains("kafka-lag", "prometheus");
        assertThat(browser.driver().findElement(By.cssSelector("#config")).getText()).contains(host.configFile().toString());
        browser.screenshot("lists-every-service-type");
    }

    @Test
    @Order(2)
    void drawsTheLastHourWithTheSourcesDetails() throws Exception {
        eventually().untilAsserted(() -> {
            assertThat(((Number) browser.script("""
                    const card = scalerhostConsole.cards.get(arguments[0]);
                    return card && card.plot ? card.plot.data[1].filter(v => v !== null).length : 0;
                    """, "ingest-logs")).intValue()).isPositive();
            assertThat(((Number) browser.script(PAINTED, "card-ingest-logs", "chart")).intValue())
                    .as("painted pixels of the chart").isGreaterThan(2000);
            assertThat(((Number) browser.script(PAINTED, "card-ingest-logs", "details-chart")).intValue())
                    .as("painted pixels of the details chart").isGreaterThan(500);
        });
        @SuppressWarnings("unchecked")
        List<String> detailSeries = (List<String>) browser.script("""
                return scalerhostConsole.cards.get(arguments[0]).detailsPlot.series.slice(1).map(s => s.label);
                """, "ingest-logs");
        assertThat(detailSeries).contains("lag", "partitions", "partitionsWithLag");
        browser.screenshot("draws-the-last-hour");
    }

    @Test
    @Order(3)
    void valuesUpdateWithoutReloadingThePage() throws Exception {
        browser.script("window.loadedOnce = 'yes';");
        pipeline.set(DEPTH, 4321, "source", "store_coordinator");
        eventually().untilAsserted(() -> {
            assertThat(cell("queue-depth", "value")).isEqualTo("4,321");
            assertThat(cell("queue-depth", "replicas")).as("ceil(4321 / 2000)").isEqualTo("3");
        });
        assertThat(browser.script("return window.loadedOnce;")).as("the same page, not a reload").isEqualTo("yes");
        browser.screenshot("values-update");
    }

    @Test
    @Order(4)
    void anOutageShowsItsReasonAndThatKedasFallbackApplies() throws Exception {
        eventually().until(() -> "12".equals(cell("store-queue", "value")));
        store.close();
        eventually().untilAsserted(() -> {
            WebElement row = row("store-queue");
            assertThat(row.getAttribute("data-status")).isEqualTo("unavailable");
            assertThat(cell("store-queue", "replicas")).isEqualTo("fallback");
            assertThat(cell("store-queue", "error")).contains("unreachable");
            assertThat(why("store-queue")).startsWith("UNAVAILABLE since ").contains("unreachable")
                    .contains("KEDA's fallback applies").doesNotContain("Exception:");
            assertThat(browser.driver().findElement(By.cssSelector("#sources tr[data-source='store'] td[data-field='health']"))
                    .getText()).isEqualTo("failing");
        });
        browser.screenshot("outage");
    }

    @Test
    @Order(5)
    void whatIfRedrawsTheReplicasTheHpaWouldHaveAskedForWhenTheTargetChanges() throws Exception {
        pipeline.set(DEPTH, 1500, "source", "store_coordinator");
        awaitSealedInHistory("queue-depth", 1500);
        pipeline.set(DEPTH, 9000, "source", "store_coordinator");
        awaitSealedInHistory("queue-depth", 9000);
        eventually().until(() -> Boolean.TRUE.equals(browser.script("""
                const card = scalerhostConsole.cards.get(arguments[0]);
                return !!card && !!card.plot && card.plot.data[1].includes(9000) && card.plot.data[1].includes(1500);
                """, "queue-depth")));

        whatIf("queue-depth", "1000");
        List<Long> small = series("queue-depth", 4);
        whatIf("queue-depth", "5000");
        List<Long> large = series("queue-depth", 4);

        assertThat(small).contains(2L, 9L).doesNotContain(0L);
        assertThat(large).contains(1L, 2L).doesNotContain(9L);
        assertThat(series("queue-depth", 3)).as("the actual replicas stay drawn: ceil(1500 / 2000), ceil(9000 / 2000)")
                .contains(1L, 5L);
        assertThat((Boolean) browser.script("return scalerhostConsole.cards.get(arguments[0]).plot.series[4].show;",
                "queue-depth")).isTrue();
        WebElement result = browser.driver().findElement(By.cssSelector("#card-queue-depth [data-role='whatif-result']"));
        assertThat(result.getText()).contains("target 5,000 →").contains("scale change");
        assertThat(result.getAttribute("data-what-if-changes")).isNotNull();

        browser.screenshot("what-if");

        browser.driver().findElement(By.cssSelector("#card-queue-depth input[name='max']")).sendKeys("1");
        eventually().untilAsserted(() -> assertThat(series("queue-depth", 4)).containsOnly(1L));
        browser.screenshot("what-if-max-1");
    }

    /** Waits for the page's next refreshes; its rows are rebuilt every refresh, so a stale element is retried. */
    private static org.awaitility.core.ConditionFactory eventually() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions();
    }

    private static final String PAINTED = """
            const canvas = document.querySelector('#' + arguments[0] + " [data-role='" + arguments[1] + "'] canvas");
            if (!canvas || canvas.width === 0) return 0;
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
            return painted;
            """;

    private static void whatIf(String serviceType, String target) {
        WebElement input = browser.driver().findElement(By.cssSelector("#card-" + serviceType + " input[name='target']"));
        input.clear();
        input.sendKeys(target);
        eventually().until(() -> Boolean.TRUE.equals(browser.script(
                "return scalerhostConsole.cards.get(arguments[0]).inputs.target.value === arguments[1];", serviceType, target)));
    }

    @SuppressWarnings("unchecked")
    private static List<Long> series(String serviceType, int index) {
        List<Object> values = (List<Object>) browser.script(
                "return scalerhostConsole.cards.get(arguments[0]).plot.data[arguments[1]];", serviceType, index);
        return values.stream().filter(v -> v != null).map(v -> ((Number) v).longValue()).toList();
    }

    /**
     * Waits until a slot of the history holds {@code value} and a later slot exists, so that the
     * next value cannot replace it (the last outcome of a 5 s slot wins).
     */
    private static void awaitSealedInHistory(String serviceType, double value) {
        eventually().until(() -> {
            String body = host.http("/history/" + serviceType).body();
            Map<?, ?> history = new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class);
            List<?> points = (List<?>) history.get("points");
            for (int i = 0; i < points.size() - 1; i++) {
                if (Double.valueOf(value).equals(toDouble(((Map<?, ?>) points.get(i)).get("value")))) {
                    return true;
                }
            }
            return false;
        });
    }

    private static Double toDouble(Object number) {
        return number == null ? null : ((Number) number).doubleValue();
    }

    private static List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#service-types tbody tr"));
    }

    private static WebElement row(String serviceType) {
        return browser.driver().findElement(By.cssSelector("#service-types tr[data-service-type='" + serviceType + "']"));
    }

    private static String cell(String serviceType, String field) {
        return row(serviceType).findElement(By.cssSelector("td[data-field='" + field + "']")).getText();
    }

    private static String why(String serviceType) {
        return browser.driver().findElement(By.cssSelector("#card-" + serviceType + " [data-role='why']")).getText();
    }
}
