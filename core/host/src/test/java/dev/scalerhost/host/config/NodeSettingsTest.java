package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

    private static NodeSettings settings(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return TestSettings.fromMap("serviceTypes.ingest-logs", values);
    }

    private static List<String> problems(NodeSettings settings) {
        return settings.problems().list().stream().map(ConfigProblem::render).toList();
    }

    @Test
    void missingRequiredStringIsAProblemWithFullPath() {
        NodeSettings s = settings();

        assertThat(s.string("topic")).isNull();
        assertThat(problems(s)).containsExactly("serviceTypes.ingest-logs.topic: required");
        assertThat(s.hasProblems()).isTrue();
    }

    @Test
    void blankRequiredStringIsAProblem() {
        NodeSettings s = settings("topic", " ");

        assertThat(s.string("topic")).isNull();
        assertThat(problems(s)).containsExactly("serviceTypes.ingest-logs.topic: must not be empty");
    }

    @Test
    void scalarsOfAnyYamlTypeReadAsStrings() {
        NodeSettings s = settings("a", 15, "b", true, "c", "x");

        assertThat(s.string("a")).isEqualTo("15");
        assertThat(s.string("b", "d")).isEqualTo("true");
        assertThat(s.optionalString("c")).contains("x");
        assertThat(s.optionalString("none")).isEmpty();
        assertThat(s.string("none", "fallback")).isEqualTo("fallback");
        assertThat(s.secret("c")).contains("x");
        assertThat(s.hasProblems()).isFalse();
    }

    @Test
    void nullValueCountsAsAbsent() {
        NodeSettings s = settings("a", null);

        assertThat(s.has("a")).isTrue();
        assertThat(s.number("a", 7)).isEqualTo(7);
        assertThat(s.string("a")).isNull();
        assertThat(problems(s)).containsExactly("serviceTypes.ingest-logs.a: required");
    }

    @Test
    void durationsAcceptUnitsAndIso8601() {
        NodeSettings s = settings("a", "250ms", "b", "5s", "c", "2m", "d", "1h", "e", "PT1.5S", "f", "0s");

        assertThat(s.duration("a", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(s.duration("b", null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.duration("c", null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.duration("d", null)).isEqualTo(Duration.ofHours(1));
        assertThat(s.duration("e", null)).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.duration("f", null)).isZero();
        assertThat(s.duration("absent", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.hasProblems()).isFalse();
    }

    @Test
    void bareNumberAndBadDurationsAreProblems() {
        NodeSettings s = settings("a", 5, "b", "5", "c", "5 min", "d", "-5s", "e", "PT-5S", "f", true);
        Duration fallback = Duration.ofSeconds(1);

        for (String key : List.of("a", "b", "c", "d", "e", "f")) {
            assertThat(s.duration(key, fallback)).as(key).isEqualTo(fallback);
        }
        assertThat(problems(s)).containsExactly(
                "serviceTypes.ingest-logs.a: a bare number is ambiguous as a duration: add a unit (5s or 5ms; "
                        + "forms: 250ms, 5s, 2m, 1h or ISO-8601 like PT5S)",
                "serviceTypes.ingest-logs.b: a bare number is ambiguous as a duration: add a unit (5s or 5ms; "
                        + "forms: 250ms, 5s, 2m, 1h or ISO-8601 like PT5S)",
                "serviceTypes.ingest-logs.c: expected a duration (250ms, 5s, 2m, 1h or ISO-8601 like PT5S), got '5 min'",
                "serviceTypes.ingest-logs.d: expected a duration (250ms, 5s, 2m, 1h or ISO-8601 like PT5S), got '-5s'",
                "serviceTypes.ingest-logs.e: a duration cannot be negative, got 'PT-5S'",
                "serviceTypes.ingest-logs.f: expected a duration (250ms, 5s, 2m, 1h or ISO-8601 like PT5S), got 'true'");
    }

    @Test
    void numbersAcceptYamlNumbersAndNumericStrings() {
        NodeSettings s = settings("a", 1500, "b", "1500", "c", " 2.5 ", "d", "1e3", "e", -4L);

        assertThat(s.number("a", 0)).isEqualTo(1500);
        assertThat(s.number("b", 0)).isEqualTo(1500);
        assertThat(s.positiveNumber("c", 0)).isEqualTo(2.5);
        assertThat(s.requiredNumber("d")).isEqualTo(1000);
        assertThat(s.number("e", 0)).isEqualTo(-4);
        assertThat(s.hasProblems()).isFalse();
    }

    @Test
    void nonFiniteAndNonNumericNumbersAreProblems() {
        NodeSettings s = settings("a", "NaN", "b", Double.POSITIVE_INFINITY, "c", "12abc", "d", 0, "e", List.of(1));

        assertThat(s.number("a", 1)).isEqualTo(1);
        assertThat(s.number("b", 1)).isEqualTo(1);
        assertThat(s.number("c", 1)).isEqualTo(1);
        assertThat(s.positiveNumber("d", 1)).isEqualTo(1);
        assertThat(s.requiredNumber("e")).isNaN();
        assertThat(s.requiredNumber("f")).isNaN();
        assertThat(problems(s)).containsExactly(
                "serviceTypes.ingest-logs.a: expected a number, got 'NaN'",
                "serviceTypes.ingest-logs.b: expected a finite number, got 'Infinity'",
                "serviceTypes.ingest-logs.c: expected a number, got '12abc'",
                "serviceTypes.ingest-logs.d: must be greater than 0, got 0.0",
                "serviceTypes.ingest-logs.e: expected a single value, found a list",
                "serviceTypes.ingest-logs.f: required");
    }

    @Test
    void integersAreWholeAndWithinRange() {
        NodeSettings s = settings("a", "42", "b", 42, "c", 1.5, "d", 100, "e", "99999999999999999999");

        assertThat(s.integer("a", 0, 0, 100)).isEqualTo(42);
        assertThat(s.longValue("b", 0, 0, 100)).isEqualTo(42);
        assertThat(s.integer("c", 7, 0, 100)).isEqualTo(7);
        assertThat(s.integer("d", 7, 0, 10)).isEqualTo(7);
        assertThat(s.longValue("e", 7, 0, Long.MAX_VALUE)).isEqualTo(7);
        assertThat(problems(s)).containsExactly(
                "serviceTypes.ingest-logs.c: expected a whole number, got '1.5'",
                "serviceTypes.ingest-logs.d: must be within 0..10, got 100",
                "serviceTypes.ingest-logs.e: expected a whole number, got '99999999999999999999' which is too large");
    }

    @Test
    void booleansAreTrueOrFalse() {
        NodeSettings s = settings("a", true, "b", "FALSE", "c", "yes");

        assertThat(s.bool("a", false)).isTrue();
        assertThat(s.bool("b", true)).isFalse();
        assertThat(s.bool("c", true)).isTrue();
        assertThat(s.bool("absent", true)).isTrue();
        assertThat(problems(s)).containsExactly("serviceTypes.ingest-logs.c: expected true or false, got 'yes'");
    }

    @Test
    void oneOfReturnsTheAllowedSpelling() {
        NodeSettings s = settings("mode", "EARLIEST", "bad", "lastest");

        assertThat(s.oneOf("mode", "latest", "earliest", "latest")).isEqualTo("earliest");
        assertThat(s.oneOf("bad", "latest", "earliest", "latest")).isEqualTo("latest");
        assertThat(s.oneOf("absent", "latest", "earliest", "latest")).isEqualTo("latest");
        assertThat(problems(s)).containsExactly(
                "serviceTypes.ingest-logs.bad: expected one of earliest, latest, got 'lastest' (did you mean 'latest'?)");
    }

    @Test
    void stringListsAcceptAListOrOneScalar() {
        NodeSettings s = settings("many", List.of("a", 2), "one", "x", "bad", List.of("a", Map.of("b", 1)));

        assertThat(s.stringList("many")).containsExactly("a", "2");
        assertThat(s.stringList("one")).containsExactly("x");
        assertThat(s.stringList("absent")).isEmpty();
        assertThat(s.stringList("bad")).containsExactly("a");
        assertThat(problems(s)).containsExactly("serviceTypes.ingest-logs.bad[1]: expected a string, found a map");
    }

    @Test
    void stringMapsKeepOrderAndRejectNesting() {
        NodeSettings s = settings("props", new LinkedHashMap<>(Map.of("z", 1)), "bad", Map.of("a", List.of()), "list", List.of());

        assertThat(s.stringMap("props")).containsExactly(Map.entry("z", "1"));
        assertThat(s.stringMap("bad")).isEmpty();
        assertThat(s.stringMap("list")).isEmpty();
        assertThat(s.stringMap("absent")).isEmpty();
        assertThat(problems(s)).containsExactly(
                "serviceTypes.ingest-logs.bad.a: expected a string, found a list",
                "serviceTypes.ingest-logs.list: expected a map of strings, found a list");
    }

    @Test
    void sectionsHaveNestedPathsAndTheirOwnUnknownKeys() {
        NodeSettings s = settings("sasl", Map.of("mechanism", "PLAIN", "pasword", "x"),
                "brokers", List.of(Map.of("host", "a"), "oops"));

        Settings sasl = s.section("sasl").orElseThrow();
        assertThat(sasl.path()).isEqualTo("serviceTypes.ingest-logs.sasl");
        sasl.string("mechanism");
        sasl.secret("password");
        List<Settings> brokers = s.sections("brokers");
        assertThat(brokers).extracting(Settings::path).containsExactly("serviceTypes.ingest-logs.brokers[0]");
        brokers.get(0).string("hots", "h");
        assertThat(s.section("absent")).isEmpty();
        s.reportUnknownKeys();

        assertThat(problems(s)).containsExactlyInAnyOrder(
                "serviceTypes.ingest-logs.brokers[1]: expected a map, found a value",
                "serviceTypes.ingest-logs.sasl.pasword: unknown key 'pasword' (did you mean 'password'?)",
                "serviceTypes.ingest-logs.brokers[0].host: unknown key 'host' (did you mean 'hots'?)");
        assertThat(sasl.hasProblems()).isTrue();
    }

    @Test
    void sectionThatIsNotAMapIsAProblem() {
        NodeSettings s = settings("sasl", "PLAIN", "list", Map.of());

        assertThat(s.section("sasl")).isEmpty();
        assertThat(s.sections("list")).isEmpty();
        assertThat(problems(s)).containsExactly(
                "serviceTypes.ingest-logs.sasl: expected a map, found a value",
                "serviceTypes.ingest-logs.list: expected a list of maps, found a map");
    }

    @Test
    void unknownKeysSuggestTheNearestReadKeyOnlyWhenClose() {
        NodeSettings s = settings("topc", "t", "consumerGroup", "g", "zzzzzz", 1);

        s.string("topic");
        s.string("consumerGroup");
        s.reportUnknownKeys();

        assertThat(problems(s)).containsExactly(
                "serviceTypes.ingest-logs.topic: required",
                "serviceTypes.ingest-logs.topc: unknown key 'topc' (did you mean 'topic'?)",
                "serviceTypes.ingest-logs.zzzzzz: unknown key 'zzzzzz' (known keys: consumerGroup, topic)");
    }

    @Test
    void hasDoesNotCountAsReading() {
        NodeSettings s = settings("a", 1);

        assertThat(s.has("a")).isTrue();
        assertThat(s.keys()).isEqualTo(Set.of("a"));
        s.reportUnknownKeys();
        assertThat(problems(s)).containsExactly("serviceTypes.ingest-logs.a: unknown key 'a'");
    }

    @Test
    void ignoredSettingsReportNoUnknownKeys() {
        NodeSettings s = settings("a", 1);

        s.ignoreUnknownKeys();
        s.reportUnknownKeys();

        assertThat(s.hasProblems()).isFalse();
    }

    @Test
    void explicitProblemsMarkTheKeyReadAndUseThePath() {
        NodeSettings s = settings("partitionLimitation", "7-5");

        s.problem("partitionLimitation", "range 7-5 is reversed");
        s.problem(null, "topic and topicPattern are exclusive");
        s.reportUnknownKeys();

        assertThat(problems(s)).containsExactly(
                "serviceTypes.ingest-logs.partitionLimitation: range 7-5 is reversed",
                "serviceTypes.ingest-logs: topic and topicPattern are exclusive");
    }

    @Test
    void hasProblemsLooksOnlyAtThisMapAndBelow() {
        Problems shared = new Problems();
        NodeSettings a = new NodeSettings("sources.a", JavaValues.map(Map.of()), shared, Set.of());
        NodeSettings ab = new NodeSettings("sources.ab", JavaValues.map(Map.of()), shared, Set.of());

        ab.string("x");

        assertThat(ab.hasProblems()).isTrue();
        assertThat(a.hasProblems()).isFalse();
    }
}
