package dev.scalerhost.host.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The plain Jackson mapper of the JSON endpoints, shared (it is thread-safe once configured) and made
 * at the first request that needs it rather than at start: setting up Jackson's data binding costs
 * more CPU than anything else in building the HTTP server, and no probe needs it.
 */
final class JsonMappers {

    private JsonMappers() {
    }

    static ObjectMapper plain() {
        return Holder.PLAIN;
    }

    /** The plain mapper's writer that indents. */
    static ObjectWriter indenting() {
        return Holder.INDENTING;
    }

    /** Initialized by the JVM at the first call above, once. */
    private static final class Holder {
        static final ObjectMapper PLAIN = new ObjectMapper();
        static final ObjectWriter INDENTING = PLAIN.writerWithDefaultPrettyPrinter();
    }
}
