package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositeBinderTest {

    private static final String HEAD = """
            sources:
              kafka: {type: kafka-lag, bootstrapServers: "k:9092", refreshInterval: 2s, maxStaleness: 30s}
              db: {type: postgres, jdbcUrl: "jdbc:postgresql://db/q", username: u, timeout: 8s}
            serviceTypes:
              queue-depth: {source: kafka, topic: t, consumerGroup: g, target: 5000}
              backpressure: {source: db, query: "SELECT 2", target: 1}
            """;

    @TempDir
    Path directory;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private List<ConfigProblem> problems(String serviceTypes) throws Exception {
        return fixture.problems(HEAD + serviceTypes);
    }

    private ConfigProblem only(String serviceTypes) throws Exception {
        List<ConfigProblem> problems = problems(serviceTypes);
        assertThat(problems).as("problems of%n%s", serviceTypes).hasSize(1);
        return problems.get(0);
    }

    @Test
    void weightedMapBindsWithItsOwnTargetAndActivationAndTheMostDemandingTimingOfItsParts() throws Exception {
        HostConfig config = fixture.load(HEAD + """
                  pressure:
                    composite: max
                    of: {queue-depth: 1, backpressure: 2500}
                    target: 5000
                    activation: 10
                    metadataOverrides: [target]
                """);

        ServiceTypeConfig pressure = config.serviceTypes().get("pressure");
        assertThat(pressure.isComposite()).isTrue();
        assertThat(pressure.source()).isNull();
        assertThat(pressure.params()).isNull();
        assertThat(pressure.composite().operator()).isEqualTo(CompositeConfig.Operator.MAX);
        assertThat(pressure.composite().parts()).containsExactly(Map.entry("queue-depth", 1.0), Map.entry("backpressure", 2500.0));
        assertThat(pressure.composite().describe()).isEqualTo("max(queue-depth, 2500*backpressure)");
        assertThat(pressure.target()).isEqualTo(5000);
        assertThat(pressure.activation()).isEqualTo(10);
        assertThat(pressure.metadataOverrides()).containsExactly("target");
        assertThat(pressure.timing()).as("shortest refresh, longest timeout, shortest staleness")
                .isEqualTo(new Timing(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(30)));
        assertThat(config.serviceTypes().keySet()).containsExactly("queue-depth", "backpressure", "pressure");
    }

    @Test
    void listGivesEveryPartWeightOneAndFileOrderIsKeptAroundComposites() throws Exception {
        HostConfig config = fixture.load("""
                sources:
                  kafka: {type: kafka-lag, bootstrapServers: "k:9092"}
                serviceTypes:
                  total: {composite: sum, of: [a, b], target: 100}
                  a: {source: kafka, topic: a, consumerGroup: g, target: 10}
                  b: {source: kafka, topic: b, consumerGroup: g, target: 10}
                """);

        ServiceTypeConfig total = config.serviceTypes().get("total");
        assertThat(total.composite().operator()).isEqualTo(CompositeConfig.Operator.SUM);
        assertThat(total.composite().parts()).containsExactly(Map.entry("a", 1.0), Map.entry("b", 1.0));
        assertThat(total.activation()).isZero();
        assertThat(total.timing()).isEqualTo(Timing.DEFAULT);
        assertThat(config.serviceTypes().keySet()).containsExactly("total", "a", "b");
    }

    @Test
    void compositeOfCompositesBinds() throws Exception {
        HostConfig config = fixture.load(HEAD + """
                  outer: {composite: max, of: {inner: 1, queue-depth: 1}, target: 5000}
                  inner: {composite: sum, of: {backpressure: 2500}, target: 5000}
                """);

        assertThat(config.serviceTypes().get("outer").composite().parts()).containsOnlyKeys("inner", "queue-depth");
        assertThat(config.serviceTypes().get("outer").timing().refreshInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void cycleIsReportedOnceWithItsPath() throws Exception {
        ConfigProblem problem = only("""
                  a: {composite: max, of: [b, queue-depth], target: 1}
                  b: {composite: max, of: [c], target: 1}
                  c: {composite: sum, of: [a], target: 1}
                """);

        assertThat(problem.path()).isEqualTo("serviceTypes.a.of");
        assertThat(problem.message()).isEqualTo("composites form a cycle: a -> b -> c -> a; every chain of parts "
                + "must end in serviceTypes measured by a source");
    }

    @Test
    void compositeCannotBeItsOwnPart() throws Exception {
        ConfigProblem problem = only("  a: {composite: max, of: [queue-depth, a], target: 1}\n");

        assertThat(problem.path()).isEqualTo("serviceTypes.a.of[1]");
        assertThat(problem.message()).isEqualTo("a composite cannot be its own part");
    }

    @Test
    void unknownPartSuggestsTheNearestServiceType() throws Exception {
        ConfigProblem problem = only("  a: {composite: max, of: {queue-dept: 1, backpressure: 2500}, target: 1}\n");

        assertThat(problem.path()).isEqualTo("serviceTypes.a.of.queue-dept");
        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.message()).isEqualTo("unknown serviceType 'queue-dept' (did you mean 'queue-depth'?); "
                + "serviceTypes: queue-depth, backpressure");
    }

    @Test
    void sourceTogetherWithCompositeIsRejected() throws Exception {
        ConfigProblem problem = only("  a: {composite: max, source: kafka, of: [queue-depth], target: 1}\n");

        assertThat(problem.path()).isEqualTo("serviceTypes.a.source");
        assertThat(problem.message()).startsWith("a composite serviceType has no source");
    }

    @Test
    void timingKeysAreRejectedBecauseTheyBelongToTheParts() throws Exception {
        ConfigProblem problem = only("  a: {composite: max, of: [queue-depth], target: 1, maxStaleness: 10s}\n");

        assertThat(problem.path()).isEqualTo("serviceTypes.a.maxStaleness");
        assertThat(problem.message()).contains("no maxStaleness of its own", "set maxStaleness on the parts");
    }

    @Test
    void partsAreRequiredAndAtLeastOne() throws Exception {
        assertThat(only("  a: {composite: max, target: 1}\n").message())
                .startsWith("required: the serviceTypes this composite combines");
        assertThat(only("  a: {composite: max, of: [], target: 1}\n").message())
                .startsWith("at least one part is required");
        assertThat(only("  a: {composite: max, of: {}, target: 1}\n").message())
                .startsWith("at least one part is required");
        assertThat(only("  a: {composite: max, of: queue-depth, target: 1}\n").message())
                .startsWith("expected a list of serviceTypes or a map of serviceType: weight, found a value");
    }

    @Test
    void operatorIsRequiredWithOfAndMustBeMaxOrSum() throws Exception {
        ConfigProblem missing = only("  a: {of: [queue-depth], target: 1}\n");
        assertThat(missing.path()).isEqualTo("serviceTypes.a.composite");
        assertThat(missing.message()).startsWith("required with 'of': max");

        ConfigProblem typo = only("  a: {composite: mxa, of: [queue-depth], target: 1}\n");
        assertThat(typo.message()).isEqualTo("expected one of max, sum, got 'mxa' (did you mean 'max'?)");
    }

    @Test
    void weightsMustBePositiveNumbers() throws Exception {
        List<ConfigProblem> problems = problems(
                "  a: {composite: sum, of: {queue-depth: 0, backpressure: lots}, target: 1}\n"
                + "  b: {composite: sum, of: {queue-depth: -2, backpressure: }, target: 1}\n");

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("serviceTypes.a.of.queue-depth", "must be greater than 0, got 0.0"),
                org.assertj.core.groups.Tuple.tuple("serviceTypes.a.of.backpressure", "expected a number, got 'lots'"),
                org.assertj.core.groups.Tuple.tuple("serviceTypes.b.of.queue-depth", "must be greater than 0, got -2.0"),
                org.assertj.core.groups.Tuple.tuple("serviceTypes.b.of.backpressure", "expected a weight > 0 that "
                        + "converts this part's unit into the composite's (1 to take it as it is), found nothing"));
    }

    @Test
    void partListedTwiceIsReported() throws Exception {
        ConfigProblem problem = only("  a: {composite: max, of: [queue-depth, queue-depth], target: 1}\n");

        assertThat(problem.path()).isEqualTo("serviceTypes.a.of[1]");
        assertThat(problem.message()).isEqualTo("'queue-depth' is listed twice; give each part once");
    }

    @Test
    void targetIsRequiredAndUnknownKeysAreSuggested() throws Exception {
        List<ConfigProblem> problems = problems("  a: {composite: max, of: [queue-depth], activaton: 1}\n");

        assertThat(problems).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("serviceTypes.a.target", "serviceTypes.a.activaton");
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(message ->
                assertThat(message).isEqualTo("unknown key 'activaton' (did you mean 'activation'?)"));
    }

    @Test
    void compositeWithABrokenPartIsLeftOutWithoutASecondProblem() throws Exception {
        List<ConfigProblem> problems = fixture.problems("""
                sources:
                  kafka: {type: kafka-lag, bootstrapServers: "k:9092"}
                serviceTypes:
                  a: {source: nowhere, topic: t, consumerGroup: g, target: 1}
                  b: {composite: max, of: [a], target: 1}
                """);

        assertThat(problems).extracting(ConfigProblem::path).containsExactly("serviceTypes.a.source");
    }

    @Test
    void compositeRecordRejectsEmptyPartsAndBadWeights() {
        assertThatThrownBy(() -> new CompositeConfig(CompositeConfig.Operator.MAX, Map.of()))
                .hasMessage("a composite needs at least one part");
        assertThatThrownBy(() -> new CompositeConfig(CompositeConfig.Operator.SUM, Map.of("a", 0.0)))
                .hasMessage("weight of part 'a' must be a finite number > 0, got 0.0");
    }
}
