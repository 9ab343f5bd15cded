package dev.scalerhost.host.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads one YAML document into {@link ConfigNode}s with their locations, using Jackson's streaming
 * parser so that every node keeps its line and column. Substitutes scalar values as it goes.
 * Problems that leave a usable tree (a duplicate key, a failed substitution) are recorded and
 * reading continues; a syntax error ends it.
 */
final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Substitution substitution;
    private final Problems problems;

    YamlReader(Substitution substitution, Problems problems) {
        this.substitution = Objects.requireNonNull(substitution, "substitution");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /**
     * Reads the top-level map, or returns {@code null} after recording why there is none (syntax
     * error, empty document, top level not a map).
     */
    MapNode read(String source) throws IOException {
        try (JsonParser parser = FACTORY.createParser(source)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add("", Location.UNKNOWN, "the file is empty: it needs at least a 'serviceTypes:' map");
                return null;
            }
            ConfigNode root = node(parser, "");
            if (!(root instanceof MapNode map)) {
                problems.add("", root.location(), "the top level must be a map of keys (server, plugins, "
                        + "sources, serviceTypes), found " + root.kind());
                return null;
            }
            if (parser.nextToken() != null) {
                problems.add("", location(parser), "the file holds more than one YAML document ('---'): "
                        + "keep one configuration per file");
            }
            return map;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Location location = at == null ? Location.UNKNOWN
                    : new Location(Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
            String description = describe(e);
            if (description != null && description.contains("(TAB)")) {
                // The parser marks where it started looking for the next token, often the end of
                // the line before: point at the tab itself.
                problems.add("", tabAfter(source, location), "YAML syntax error: a tab character; YAML indents with spaces only");
            } else {
                problems.add("", location, "YAML syntax error: " + description);
            }
            return null;
        }
    }

    /** Where the first tab outside a comment at or after {@code from} is; {@code from} if there is none. */
    static Location tabAfter(String source, Location from) {
        int line = 1;
        int column = 1;
        boolean comment = false;
        char previous = '\n';
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            boolean reached = line > from.line() || (line == from.line() && column >= from.column());
            if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
                comment = true;
            } else if (c == '\t' && !comment && reached) {
                return new Location(line, column);
            }
            if (c == '\n') {
                line++;
                column = 1;
                comment = false;
            } else {
                column++;
            }
            previous = c;
        }
        return from;
    }

    private ConfigNode node(JsonParser parser, String path) throws IOException {
        Location location = location(parser);
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> map(parser, path, location);
            case START_ARRAY -> list(parser, path, location);
            case VALUE_STRING -> string(parser, path, location);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    new ScalarNode(location, ScalarNode.Type.NUMBER, parser.getText(), parser.getNumberValue(), false);
            case VALUE_TRUE, VALUE_FALSE -> new ScalarNode(location, ScalarNode.Type.BOOLEAN, parser.getText(), null, false);
            case VALUE_NULL -> new ScalarNode(location, ScalarNode.Type.NULL, "", null, false);
            case VALUE_EMBEDDED_OBJECT -> {
                problems.add(path, location, "YAML binary values (!!binary) are not supported: write the value as text");
                yield ScalarNode.invalid(location);
            }
            default -> throw new IllegalStateException("unexpected YAML token " + token + " at " + location);
        };
    }

    private MapNode map(JsonParser parser, String path, Location location) throws IOException {
        List<MapNode.Entry> entries = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyLocation = location(parser);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            parser.nextToken();
            ConfigNode value = node(parser, keyPath);
            Location first = seen.putIfAbsent(key, keyLocation);
            if (first != null) {
                problems.add(keyPath, keyLocation, "duplicate key '" + key + "' (first at line " + first.line()
                        + "): keep one of them");
            } else {
                entries.add(new MapNode.Entry(key, keyLocation, value));
            }
        }
        return new MapNode(location, entries);
    }

    private ListNode list(JsonParser parser, String path, Location location) throws IOException {
        List<ConfigNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, path + "[" + items.size() + "]"));
        }
        return new ListNode(location, items);
    }

    private ScalarNode string(JsonParser parser, String path, Location location) throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(path, location, "YAML aliases (*" + parser.getText() + ") are not supported: "
                    + "write the value out");
            return ScalarNode.invalid(location);
        }
        Substitution.Result result = substitution.expand(parser.getText(), path, location);
        return result.value() == null
                ? ScalarNode.invalid(location)
                : ScalarNode.string(location, result.value(), result.substituted());
    }

    private static Location location(JsonParser parser) {
        JsonLocation at = parser.currentTokenLocation();
        return new Location(Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
    }

    // Jackson's deprecated wrapper is the one typed view of snakeyaml's short problem text that does
    // not mean depending on snakeyaml directly; its full message repeats the source with carets.
    @SuppressWarnings("deprecation")
    private static String describe(JsonProcessingException e) {
        if (e instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            String context = marked.getContext();
            return (context == null ? "" : context + ": ") + marked.getProblem();
        }
        return e.getOriginalMessage();
    }
}
