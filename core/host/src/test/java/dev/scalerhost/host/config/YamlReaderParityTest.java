package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link YamlReader} reads every document as Jackson's YAML parser did when the host read its
 * configuration through it: the same nodes with the same types, texts, numbers and locations, and a
 * syntax error at the same place. Jackson is the reference here only; the host does not use it to
 * read YAML (its first parser costs every start {@code BigDecimal}'s initialisation).
 */
class YamlReaderParityTest {

    private static final YAMLFactory JACKSON = new YAMLFactory();

    /** Scalars as written after {@code v: }: every type YAML 1.1 resolves, and explicit tags. */
    private static final List<String> SCALARS = List.of(
            "1", "-1", "+1", "0", "-0", "+0", "7", "012", "-012", "0_7", "08", "0x1F", "-0x1f", "0X1F", "0b101",
            "-0b101", "0B11", "0x_", "1_000", "+1_000", "-1_0", "2147483647", "2147483648", "-2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "123456789012345678901234",
            "0x7FFFFFFF", "0x80000000", "0xFFFFFFFFFFFFFFFFFF", "0777777777777777777777777",
            "1.5", "-1.5", "+1.5", ".5", "1.", "1e3", "1E3", "1.5e-3", "-1.5E+3", "1_000.5", "+1_0.5", "1e400",
            "1:30", "190:20:30", "-1:30",
            "true", "True", "TRUE", "tRue", "false", "yes", "Yes", "No", "on", "ON", "off", "y", "Y", "n", "N",
            "~", "null", "Null", "NULL", "", "\"1\"", "'true'", "\"\"", "''", "'~'", "\"0x1F\"",
            "!!int 12", "!!int '12'", "!!int 0x1F", "!!int abc", "!!int ''", "!!int 1_", "!!int _",
            "!!float 1", "!!float '1.5'", "!!float abc", "!!float NaN", "!!str 12", "!!str true", "!!bool yes",
            "!!bool maybe", "!!bool ''", "!!null x", "!!null ''", "!!binary aGk=", "!custom 12", "! 12",
            "!<tag:yaml.org,2002:int> 5", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "abc",
            "a b", "a: b", "'a: b'", "|\n  block\n  text\n", ">\n  folded\n  text\n", "&a 5", "&a yes",
            "-", "- ", "+", ".", "0.", "0o12", "1__0", "1e", "e3", "0x", "12abc", "1,000", "１２");

    /** Whole documents: structure, aliases, several documents, and syntax errors. */
    private static final List<String> DOCUMENTS = List.of(
            "a: 1\nb:\n  c: [1, two, {d: 3}]\n  e:\n    - x\n    - 2.5\n    - {f: ~}\n",
            "a: {b: {c: {d: [[], {}, [1]]}}}\n",
            "a:\n- 1\n- - 2\n  - 3\n-\n",
            "? a\n: 1\n'b c': 2\n\"d\\te\": 3\n1: 4\n~: 5\ntrue: 6\n: 7\n",
            "a: &x 1\nb: *x\n",
            "a: &m {c: 1}\nb: *m\n",
            "a: 1\n---\nb: 2\n",
            "---\na: 1\n...\n",
            "a: 1\n---\n",
            "%YAML 1.1\n---\na: 1\n",
            "a: 1 # comment\n# only a comment\nb: 2\n",
            "? [a, b]\n: 1\n",
            "? {a: 1}\n: 1\n",
            "a: 1\n*x : 2\n",
            "a:\n\tb: 1\n",
            "a: 1\n\tb: 2\n",
            "a: [1, 2\nb: 3\n",
            "a: 'unclosed\n",
            "a: \"bad \\q escape\"\n",
            "a: 1\n b: 2\n",
            "a:\n  - 1\n  b: 2\n",
            "a: b: c\n",
            "a: !!float abc\nb: 2\n",
            "a: {b: 1, b2: [x, y], }\n",
            "a: @x\n",
            "a: `x\n",
            "a: %x\n",
            "{a: 1, b: [2, 3]}\n",
            "- a\n- b\n",
            "just text\n",
            "",
            "# nothing\n",
            "---\n",
            "a: 1\u0007\n");

    /** At and over the limit of a number's length. */
    private static final List<String> LIMITS = List.of(
            "v: " + "1".repeat(YamlScalars.MAX_NUMBER_LENGTH) + "\n",
            "v: " + "1".repeat(YamlScalars.MAX_NUMBER_LENGTH + 1) + "\n",
            "v: 1." + "1".repeat(YamlScalars.MAX_NUMBER_LENGTH) + "\n");

    static Stream<String> documents() {
        return Stream.concat(SCALARS.stream().map(s -> "v: " + s + (s.endsWith("\n") ? "" : "\n")), DOCUMENTS.stream());
    }

    static Stream<String> limits() {
        return LIMITS.stream();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void readsAsJacksonDid(String yaml) {
        assertThat(host(yaml)).as(yaml).isEqualTo(jackson(yaml));
    }

    /**
     * Over the limit both refuse the document; Jackson's limit gave no location, the reader gives the
     * place where it stopped.
     */
    @ParameterizedTest
    @MethodSource("limits")
    void refusesWhatJacksonRefused(String yaml) {
        assertThat(withoutErrorLocation(host(yaml))).isEqualTo(withoutErrorLocation(jackson(yaml)));
    }

    private static List<String> withoutErrorLocation(List<String> lines) {
        return lines.stream().map(line -> line.startsWith("error at ") ? "error" : line).toList();
    }

    /** The reader's nesting limit is its own: Jackson's 1,000 levels overflowed the host's thread stacks. */
    @Test
    void refusesNestingDeeperThanItsLimit() {
        String deepest = "v: " + "[".repeat(YamlReader.MAX_DEPTH - 1) + "]".repeat(YamlReader.MAX_DEPTH - 1) + "\n";
        assertThat(host(deepest)).noneMatch(line -> line.startsWith("error"))
                .filteredOn(line -> line.startsWith("[")).hasSize(YamlReader.MAX_DEPTH - 1);
        String tooDeep = "v: " + "{a: ".repeat(YamlReader.MAX_DEPTH) + "1" + "}".repeat(YamlReader.MAX_DEPTH) + "\n";
        Problems problems = new Problems();
        assertThat(new YamlReader(new Substitution(name -> null, Path.of("."), problems), problems).read(tooDeep)).isNull();
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("YAML syntax error: maps and lists are nested more than "
                    + YamlReader.MAX_DEPTH + " deep");
            assertThat(p.line()).isEqualTo(1);
        });
        // Far deeper than any thread stack holds: refused at the limit, without recursing further.
        String hostile = "v: " + "[".repeat(200_000) + "\n";
        assertThat(host(hostile)).singleElement().asString().startsWith("error at 1:");
    }

    /** Where Jackson's parser failed or returned no token, the host reads text or reports the value. */
    @Test
    void differsFromJacksonOnlyWhereJacksonFailed() {
        // Jackson returned no token at all for this one, which the reader took for the end of the input.
        assertThat(host("v: !!int +\n")).containsExactly("{ line 1, column 1", "key v line 1, column 1",
                "STRING + line 1, column 4", "}");
        // Jackson's parser failed on YAML's infinities and NaN, and on sexagesimal floats.
        assertThat(host("v: .inf\n")).contains("NUMBER .inf = Infinity line 1, column 4");
        assertThat(host("v: -.Inf\n")).contains("NUMBER -.Inf = -Infinity line 1, column 4");
        assertThat(host("v: +.INF\n")).contains("NUMBER +.INF = Infinity line 1, column 4");
        assertThat(host("v: .NaN\n")).contains("NUMBER .NaN = NaN line 1, column 4");
        assertThat(host("v: 1:30.5\n")).contains("STRING 1:30.5 line 1, column 4");
        assertThat(jackson("v: .inf\n")).containsExactly("error at 1:8");
        assertThat(jackson("v: 1:30.5\n")).containsExactly("error at 1:10");
                // Jackson decoded binary values (and failed on this one); the host refuses them all, as a value problem.
        Problems problems = new Problems();
        MapNode root = new YamlReader(new Substitution(name -> null, Path.of("."), problems), problems)
                .read("a: !!binary 'not base64 !'\n");
        assertThat(root).isNotNull();
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("a");
            assertThat(p.message()).contains("binary values (!!binary) are not supported");
        });
    }

    /** The reader's nodes as lines; its syntax error, if any, as the last line. */
    private static List<String> host(String yaml) {
        Problems problems = new Problems();
        MapNode root = new YamlReader(new Substitution(name -> null, Path.of("."), problems), problems).read(yaml);
        List<String> lines = new ArrayList<>();
        if (root != null) {
            flatten(root, lines);
        }
        for (ConfigProblem problem : problems.list()) {
            if (problem.message().startsWith("YAML syntax error")) {
                lines.add("error at " + problem.line() + ":" + problem.column());
            }
        }
        return lines;
    }

    private static void flatten(ConfigNode node, List<String> lines) {
        Location at = node.location();
        if (node instanceof MapNode map) {
            lines.add("{ " + at);
            for (MapNode.Entry entry : map.entries()) {
                lines.add("key " + entry.key() + " " + entry.keyLocation());
                flatten(entry.value(), lines);
            }
            lines.add("}");
        } else if (node instanceof ListNode list) {
            lines.add("[ " + at);
            for (ConfigNode item : list.items()) {
                flatten(item, lines);
            }
            lines.add("]");
        } else {
            ScalarNode scalar = (ScalarNode) node;
            lines.add(scalar.type() + " " + scalar.text() + (scalar.number() == null ? "" : " = " + scalar.number())
                    + " " + at);
        }
    }

    /** Jackson's tokens as the same lines, for a document whose top level is a map. */
    private static List<String> jackson(String yaml) {
        List<String> lines = new ArrayList<>();
        JsonParser parser = null;
        try {
            parser = JACKSON.createParser(yaml);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return lines;
            }
            int depth = 0;
            for (JsonToken token = first; token != null; token = depth == 0 ? null : parser.nextToken()) {
                Location at = location(parser.currentTokenLocation());
                switch (token) {
                    case START_OBJECT -> { lines.add("{ " + at); depth++; }
                    case END_OBJECT -> { lines.add("}"); depth--; }
                    case START_ARRAY -> { lines.add("[ " + at); depth++; }
                    case END_ARRAY -> { lines.add("]"); depth--; }
                    case FIELD_NAME -> lines.add("key " + parser.currentName() + " " + at);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                            lines.add("NUMBER " + parser.getText() + " = " + parser.getNumberValue() + " " + at);
                    case VALUE_TRUE, VALUE_FALSE -> lines.add("BOOLEAN " + parser.getText() + " " + at);
                    case VALUE_NULL -> lines.add("NULL  " + at);
                    case VALUE_EMBEDDED_OBJECT -> lines.add("INVALID  " + at);
                    default -> lines.add(((YAMLParser) parser).isCurrentAlias()
                            ? "INVALID  " + at : "STRING " + parser.getText() + " " + at);
                }
            }
            parser.nextToken();
        } catch (JsonProcessingException e) {
            // The host's reader keeps no partial tree after a syntax error.
            lines.clear();
            Location at = location(e.getLocation());
            if (e.getMessage().contains("(TAB)")) {
                at = YamlReader.tabAfter(yaml, at);
            }
            lines.add("error at " + at.line() + ":" + at.column());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return lines;
    }

    private static Location location(JsonLocation at) {
        return at == null ? Location.UNKNOWN : new Location(Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
    }
}
