package dev.scalerhost.plugin.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code /jsz?consumers=true} says about streams and consumers, per account: the consumers' pending
 * and ack-pending counts and, in a cluster, which server leads each consumer.
 */
final class JetStreamState {

    /** One consumer as this server sees it. */
    record Consumer(long numPending, long numAckPending, String leader) {
        long lag() {
            return Math.max(0, numPending) + Math.max(0, numAckPending);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** account -> stream -> consumer (a stream without consumers maps to an empty map). */
    private final Map<String, Map<String, Map<String, Consumer>>> accounts = new HashMap<>();

    static JetStreamState parse(String body) throws IOException {
        JetStreamState state = new JetStreamState();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("account_details".equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        named(parser, "stream_detail",
                                (stream, streams) -> named(stream, "consumer_detail", JetStreamState::consumer, streams),
                                state.accounts);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return state;
    }

    boolean hasAccount(String account) {
        return accounts.containsKey(account);
    }

    boolean hasStream(String account, String stream) {
        return accounts.getOrDefault(account, Map.of()).containsKey(stream);
    }

    Consumer consumer(String account, String stream, String consumer) {
        return accounts.getOrDefault(account, Map.of()).getOrDefault(stream, Map.of()).get(consumer);
    }

    Iterable<String> consumers(String account, String stream) {
        return accounts.getOrDefault(account, Map.of()).getOrDefault(stream, Map.of()).keySet();
    }

    /** Reads one JSON object into the map it is given, under its name. */
    @FunctionalInterface
    private interface MemberReader<V> {
        void read(JsonParser parser, Map<String, V> into) throws IOException;
    }

    /**
     * Reads an object with a {@code name} and an array of members under {@code membersField} (an
     * account's streams, a stream's consumers), each read by {@code member}; puts the members into
     * {@code into} under the name.
     */
    private static <V> void named(JsonParser parser, String membersField, MemberReader<V> member,
            Map<String, Map<String, V>> into) throws IOException {
        String name = null;
        Map<String, V> members = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("name".equals(field)) {
                name = parser.getValueAsString();
            } else if (membersField.equals(field) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    member.read(parser, members);
                }
            } else {
                parser.skipChildren();
            }
        }
        if (name != null) {
            into.put(name, members);
        }
    }

    private static void consumer(JsonParser parser, Map<String, Consumer> consumers) throws IOException {
        String name = null;
        long pending = 0;
        long ackPending = 0;
        String leader = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = parser.getValueAsString();
                case "num_pending" -> pending = value.isNumeric() ? parser.getLongValue() : 0;
                case "num_ack_pending" -> ackPending = value.isNumeric() ? parser.getLongValue() : 0;
                case "cluster" -> leader = leader(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (name != null) {
            consumers.put(name, new Consumer(pending, ackPending, leader));
        }
    }

    private static String leader(JsonParser parser, JsonToken start) throws IOException {
        String leader = null;
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if ("leader".equals(field)) {
                leader = parser.getValueAsString();
            } else {
                parser.skipChildren();
            }
        }
        return leader;
    }
}
