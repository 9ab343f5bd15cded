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
                        state.account(parser);
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

    private void account(JsonParser parser) throws IOException {
        String name = null;
        Map<String, Map<String, Consumer>> streams = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("name".equals(field)) {
                name = parser.getValueAsString();
            } else if ("stream_detail".equals(field) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    stream(parser, streams);
                }
            } else {
                parser.skipChildren();
            }
        }
        if (name != null) {
            accounts.put(name, streams);
        }
    }

    private static void stream(JsonParser parser, Map<String, Map<String, Consumer>> streams) throws IOException {
        String name = null;
        Map<String, Consumer> consumers = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("name".equals(field)) {
                name = parser.getValueAsString();
            } else if ("consumer_detail".equals(field) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    consumer(parser, consumers);
                }
            } else {
                parser.skipChildren();
            }
        }
        if (name != null) {
            streams.put(name, consumers);
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
