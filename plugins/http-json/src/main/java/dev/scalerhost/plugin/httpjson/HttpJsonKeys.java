package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.spi.ConfigKey;
import java.util.List;

/** The keys of an {@code http-json} source and binding (KEDA's metrics-api scaler's equivalent). */
final class HttpJsonKeys {

    static final List<ConfigKey> SOURCE = List.of(
            ConfigKey.string("url", "The URL of the JSON document, or the base its bindings' url resolve against.")
                    .asRequired(),
            ConfigKey.stringMap("headers", "Extra HTTP headers sent with every request."),
            ConfigKey.secret("bearerToken", "Sent as Authorization: Bearer."),
            ConfigKey.string("username", "Basic authentication user (with password)."),
            ConfigKey.secret("password", "Basic authentication password."),
            ConfigKey.section("tls", "Trust for https.",
                    ConfigKey.string("caFile", "PEM file of the CAs to trust instead of the JVM's.").asRequired()));

    static final List<ConfigKey> BINDING = List.of(
            ConfigKey.number("target", "KEDA's name for target.").withAliases("targetValue"),
            ConfigKey.number("activation", "KEDA's name for activation.").withAliases("activationTargetValue"),
            ConfigKey.string("valueLocation", "Where the number is: a JSON Pointer such as /data/queue/depth or a "
                    + "dotted path such as data.queue.depth.").asRequired(),
            ConfigKey.string("url", "Another path or query on the source's server, resolved against its url."),
            ConfigKey.oneOf("format", "The document's format.", "json").withDefault("json"));

    private HttpJsonKeys() {
    }
}
