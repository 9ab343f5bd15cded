package dev.scalerhost.host.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads one YAML document into {@link ConfigNode}s with their locations, from SnakeYAML's events, so
 * that every node keeps its line and column. Substitutes scalar values as it goes. Problems that
 * leave a usable tree (a duplicate key, a failed substitution) are recorded and reading continues; a
 * syntax error ends it. Scalars are typed by {@link YamlScalars}.
 */
final class YamlReader {

    /**
     * Maps and lists inside each other, the file's top level included. A configuration needs under
     * ten; the readers of the tree recurse, on the host's 512 KiB thread stacks, and Jackson's limit
     * of 1,000 overflowed them.
     */
    static final int MAX_DEPTH = 100;

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
    MapNode read(String source) {
        Events events = new Events(source);
        try {
            Event first = events.next();
            if (first == null) {
                problems.add("", Location.UNKNOWN, "the file is empty: it needs at least a 'serviceTypes:' map");
                return null;
            }
            ConfigNode root = node(events, first, "", 1);
            if (!(root instanceof MapNode map)) {
                problems.add("", root.location(), "the top level must be a map of keys (server, plugins, "
                        + "sources, serviceTypes), found " + root.kind());
                return null;
            }
            Event more = events.next();
            if (more != null) {
                problems.add("", start(more), "the file holds more than one YAML document ('---'): "
                        + "keep one configuration per file");
            }
            return map;
        } catch (YAMLException | YamlScalars.MalformedNumber | Unreadable e) {
            // Where the last complete event ends: the parser fails while looking for the next one.
            Location location = events.lastEnd();
            String description = describe(e);
            if (description.contains("(TAB)")) {
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

    private ConfigNode node(Events events, Event event, String path, int depth)
            throws YamlScalars.MalformedNumber, Unreadable {
        Location location = start(event);
        if (event instanceof ScalarEvent scalar) {
            return scalar(scalar, path, location);
        }
        if (event instanceof AliasEvent alias) {
            problems.add(path, location, "YAML aliases (*" + alias.getAnchor() + ") are not supported: "
                    + "write the value out");
            return ScalarNode.invalid(location);
        }
        if (depth > MAX_DEPTH) {
            throw new Unreadable("maps and lists are nested more than " + MAX_DEPTH + " deep");
        }
        if (event.is(Event.ID.MappingStart)) {
            return map(events, path, location, depth);
        }
        if (event.is(Event.ID.SequenceStart)) {
            return list(events, path, location, depth);
        }
        throw new IllegalStateException("unexpected YAML event " + event.getEventId() + " at " + location);
    }

    private MapNode map(Events events, String path, Location location, int depth)
            throws YamlScalars.MalformedNumber, Unreadable {
        List<MapNode.Entry> entries = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        for (Event event = events.next(); !event.is(Event.ID.MappingEnd); event = events.next()) {
            if (!(event instanceof ScalarEvent keyEvent)) {
                throw new Unreadable("a key must be text, found " + (event instanceof AliasEvent ? "an alias"
                        : event.is(Event.ID.MappingStart) ? "a map" : "a list"));
            }
            String key = keyEvent.getValue();
            Location keyLocation = start(keyEvent);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            ConfigNode value = node(events, events.next(), keyPath, depth + 1);
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

    private ListNode list(Events events, String path, Location location, int depth)
            throws YamlScalars.MalformedNumber, Unreadable {
        List<ConfigNode> items = new ArrayList<>();
        for (Event event = events.next(); !event.is(Event.ID.SequenceEnd); event = events.next()) {
            items.add(node(events, event, path + "[" + items.size() + "]", depth + 1));
        }
        return new ListNode(location, items);
    }

    private ScalarNode scalar(ScalarEvent event, String path, Location location) throws YamlScalars.MalformedNumber {
        YamlScalars.Typed typed = YamlScalars.type(event);
        return switch (typed.type()) {
            case NUMBER -> new ScalarNode(location, ScalarNode.Type.NUMBER, event.getValue(), typed.number(), false);
            case BOOLEAN -> new ScalarNode(location, ScalarNode.Type.BOOLEAN, event.getValue(), null, false);
            case NULL -> new ScalarNode(location, ScalarNode.Type.NULL, "", null, false);
            case INVALID -> {
                problems.add(path, location, "YAML binary values (!!binary) are not supported: write the value as text");
                yield ScalarNode.invalid(location);
            }
            case STRING -> {
                Substitution.Result result = substitution.expand(event.getValue(), path, location);
                yield result.value() == null
                        ? ScalarNode.invalid(location)
                        : ScalarNode.string(location, result.value(), result.substituted());
            }
        };
    }

    private static Location start(Event event) {
        return location(event.getStartMark());
    }

    private static Location location(Mark mark) {
        return mark == null ? Location.UNKNOWN : new Location(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String describe(Exception e) {
        if (e instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            String context = marked.getContext();
            return (context == null ? "" : context + ": ") + marked.getProblem();
        }
        return String.valueOf(e.getMessage());
    }

    /** A document the parser reads but the host does not: a key that is not text, too deep a nesting. */
    private static final class Unreadable extends Exception {

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** SnakeYAML's events of one stream: the content only, and where the last one read ends. */
    private static final class Events {

        private final ParserImpl parser;
        private Event last;

        Events(String source) {
            this.parser = new ParserImpl(new StreamReader(source), new LoaderOptions());
        }

        /** The next node, collection end or alias; {@code null} at the stream's end. */
        Event next() {
            while (true) {
                Event event = parser.getEvent();
                last = event;
                switch (event.getEventId()) {
                    case StreamStart, DocumentStart, DocumentEnd, Comment -> {
                        // not content
                    }
                    case StreamEnd -> {
                        return null;
                    }
                    default -> {
                        return event;
                    }
                }
            }
        }

        Location lastEnd() {
            return last == null ? Location.UNKNOWN : location(last.getEndMark());
        }
    }
}
