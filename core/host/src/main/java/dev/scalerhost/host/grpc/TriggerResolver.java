package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.HostKeys;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.engine.SafeText;
import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a trigger's metadata: which serviceType it names, and the {@code target} / {@code activation}
 * overrides its serviceType allows, spelled as the host's keys or as the plugin's aliases (KEDA's
 * {@code threshold}, {@code targetQueryValue}, ...), exactly as in the configuration file. An override
 * the serviceType does not allow is ignored, and said so once per ScaledObject in the log and in
 * {@code /status}. Every other key is tolerated (KEDA sends {@code scalerAddress}, {@code enableTLS}
 * and whatever the user typed); measurement parameters are never taken from it.
 */
final class TriggerResolver {

    static final String SERVICE_TYPE = "serviceType";
    static final String TARGET = HostKeys.TARGET.name();
    static final String ACTIVATION = HostKeys.ACTIVATION.name();

    private final IgnoredMetadata ignored;

    TriggerResolver() {
        this(Clock.systemUTC());
    }

    TriggerResolver(Clock clock) {
        this.ignored = new IgnoredMetadata(clock);
    }

    /** One spelling of a host key found in the metadata, with its text. */
    private record Given(String key, String text) {
    }

    /** The trigger, or a {@code StatusRuntimeException} to send back as it is. */
    Trigger resolve(ServiceCatalog catalog, ScaledObjectRef ref) {
        Map<String, String> metadata = ref.getScalerMetadataMap();
        String serviceType = metadata.get(SERVICE_TYPE);
        if (serviceType == null || serviceType.isBlank()) {
            throw Status.INVALID_ARGUMENT.withDescription("trigger metadata has no serviceType; set metadata.serviceType "
                    + "to one of: " + catalog.known()).asRuntimeException();
        }
        ServiceTypeConfig config = catalog.find(serviceType);
        if (config == null) {
            throw Status.NOT_FOUND.withDescription("serviceType '" + SafeText.clip(serviceType, 64)
                    + "' is not configured on this host; known: " + catalog.known()).asRuntimeException();
        }
        List<Given> refused = new ArrayList<>(0);
        double target = override(config, TARGET, given(metadata, TARGET, catalog.aliasesOf(config, TARGET)),
                config.target(), refused);
        double activation = override(config, ACTIVATION, given(metadata, ACTIVATION, catalog.aliasesOf(config, ACTIVATION)),
                config.activation(), refused);
        if (refused.isEmpty()) {
            if (ignored.any()) {
                ignored.clear(scaledObject(ref), config.serviceType());
            }
        } else {
            String scaledObject = scaledObject(ref);
            ignored.ignored(scaledObject, config.serviceType(), refused.stream().map(Given::key).toList(),
                    ignoredMessage(scaledObject, config, refused, catalog.metadataAliases(config)));
        }
        return new Trigger(config, target, activation);
    }

    /** ScaledObjects whose metadata sets a target or activation their serviceType does not allow. */
    List<IgnoredMetadataStatus> ignoredMetadata() {
        return ignored.list();
    }

    private static String scaledObject(ScaledObjectRef ref) {
        return ref.getNamespace() + "/" + ref.getName();
    }

    /**
     * Every spelling of {@code hostKey} the metadata gives: the host's key first, then the plugin's
     * {@code aliases} (sorted). Allocates nothing when the metadata gives none, the usual case.
     */
    private static List<Given> given(Map<String, String> metadata, String hostKey, List<String> aliases) {
        List<Given> given = List.of();
        String text = metadata.get(hostKey);
        if (text != null) {
            given = new ArrayList<>(1 + aliases.size());
            given.add(new Given(hostKey, text));
        }
        for (String alias : aliases) {
            String aliasText = metadata.get(alias);
            if (aliasText != null) {
                if (given.isEmpty()) {
                    given = new ArrayList<>(aliases.size());
                }
                given.add(new Given(alias, aliasText));
            }
        }
        return given;
    }

    private static double override(ServiceTypeConfig config, String key, List<Given> given, double configured,
            List<Given> refused) {
        if (given.isEmpty()) {
            return configured;
        }
        if (!config.metadataOverrides().contains(key)) {
            refused.addAll(given);
            return configured;
        }
        if (given.size() > 1) {
            throw Status.INVALID_ARGUMENT.withDescription("trigger metadata of serviceType '" + config.serviceType()
                    + "' gives both '" + given.get(0).key() + "' and '" + given.get(1).key() + "', two spellings of the "
                    + key + ": give only one").asRuntimeException();
        }
        String shown = given.get(0).key();
        String text = given.get(0).text();
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException notANumber) {
            throw invalid(config, shown, text, "must be a number");
        }
        if (!Double.isFinite(value)) {
            throw invalid(config, shown, text, "must be a finite number");
        }
        if (key.equals(TARGET) && value <= 0) {
            throw invalid(config, shown, text, "must be greater than 0");
        }
        return value;
    }

    private static String ignoredMessage(String scaledObject, ServiceTypeConfig config, List<Given> refused,
            Map<String, String> aliases) {
        StringBuilder message = new StringBuilder("ScaledObject ").append(SafeText.clip(scaledObject, 128))
                .append(": trigger metadata ");
        for (int i = 0; i < refused.size(); i++) {
            Given one = refused.get(i);
            message.append(i == 0 ? "" : ", ").append(one.key()).append('=').append(SafeText.clip(one.text(), 32));
        }
        List<String> hostKeys = refused.stream().map(one -> aliases.getOrDefault(one.key(), one.key())).distinct().toList();
        message.append(refused.size() == 1 ? " is" : " are").append(" ignored: serviceType '")
                .append(config.serviceType()).append("' does not allow ScaledObjects to override its ")
                .append(String.join(" or ", hostKeys)).append(" (add ").append(String.join(", ", hostKeys))
                .append(" to the binding's metadataOverrides to allow it); the configured ");
        for (int i = 0; i < hostKeys.size(); i++) {
            String hostKey = hostKeys.get(i);
            message.append(i == 0 ? "" : " and ").append(hostKey).append(' ')
                    .append(format(hostKey.equals(TARGET) ? config.target() : config.activation()));
        }
        return message.append(hostKeys.size() == 1 ? " applies" : " apply").toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static StatusRuntimeException invalid(ServiceTypeConfig config, String key, String text, String rule) {
        return Status.INVALID_ARGUMENT.withDescription("trigger metadata " + key + " of serviceType '"
                + config.serviceType() + "' " + rule + ", got '" + SafeText.clip(text, 64) + "'").asRuntimeException();
    }
}
