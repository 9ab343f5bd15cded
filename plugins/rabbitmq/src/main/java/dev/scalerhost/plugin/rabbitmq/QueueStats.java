package dev.scalerhost.plugin.rabbitmq;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One queue as the management API lists it with the columns this plugin asks for.
 *
 * @param publishRate messages published per second, 0 for a queue without publishes yet
 */
record QueueStats(String name, String vhost, long messages, long messagesReady, double publishRate) {

    private static final JsonFactory JSON = new JsonFactory();

    /** The columns to ask for: what {@link #parse} reads and nothing else. */
    static final String COLUMNS = "name,vhost,messages,messages_ready,message_stats.publish_details.rate";

    /**
     * Parses {@code GET /api/queues[/vhost]?columns=...}: an array of objects. A queue whose counts are not
     * known yet (just declared, statistics not collected) has no {@code messages}: -1.
     */
    static List<QueueStats> parse(String body) throws IOException {
        List<QueueStats> queues = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array of queues");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                queues.add(queue(parser));
            }
        }
        return queues;
    }

    private static QueueStats queue(JsonParser parser) throws IOException {
        String name = null;
        String vhost = "/";
        long messages = -1;
        long ready = -1;
        double rate = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = parser.getValueAsString();
                case "vhost" -> vhost = parser.getValueAsString();
                case "messages" -> messages = value.isNumeric() ? parser.getLongValue() : -1;
                case "messages_ready" -> ready = value.isNumeric() ? parser.getLongValue() : -1;
                case "message_stats" -> rate = publishRate(parser, value);
                default -> parser.skipChildren();
            }
        }
        return new QueueStats(name, vhost, messages, ready, rate);
    }

    private static double publishRate(JsonParser parser, JsonToken start) throws IOException {
        double rate = 0;
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return rate;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("publish_details".equals(field) && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String detail = parser.currentName();
                    JsonToken number = parser.nextToken();
                    if ("rate".equals(detail) && number.isNumeric()) {
                        rate = parser.getDoubleValue();
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        return rate;
    }
}
