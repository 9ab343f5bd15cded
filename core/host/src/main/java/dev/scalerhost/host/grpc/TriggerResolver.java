package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.BindingConfig;
import dev.scalerhost.host.engine.SafeText;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a trigger's metadata: which serviceType it names, and the {@code target} / {@code activation}
 * overrides its binding allows. Every other key is tolerated (KEDA sends {@code scalerAddress},
 * {@code enableTLS} and whatever the user typed); measurement parameters are never taken from it.
 */
final class TriggerResolver {

    static final String SERVICE_TYPE = "serviceType";
    static final String TARGET = "target";
    static final String ACTIVATION = "activation";

    private static final Logger log = LoggerFactory.getLogger(TriggerResolver.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** The trigger, or a {@code StatusRuntimeException} to send back as it is. */
    Trigger resolve(ServiceCatalog catalog, ScaledObjectRef ref) {
        Map<String, String> metadata = ref.getScalerMetadataMap();
        String serviceType = metadata.get(SERVICE_TYPE);
        if (serviceType == null || serviceType.isBlank()) {
            throw Status.INVALID_ARGUMENT.withDescription("trigger metadata has no serviceType; set metadata.serviceType "
                    + "to one of: " + catalog.known()).asRuntimeException();
        }
        BindingConfig binding = catalog.find(serviceType);
        if (binding == null) {
            throw Status.NOT_FOUND.withDescription("serviceType '" + SafeText.clip(serviceType, 64)
                    + "' is not configured on this host; known: " + catalog.known()).asRuntimeException();
        }
        String target = metadata.get(TARGET);
        String activation = metadata.get(ACTIVATION);
        if (target == null && activation == null) {
            return new Trigger(binding, binding.target(), binding.activation());
        }
        return new Trigger(binding, override(binding, TARGET, target, binding.target()),
                override(binding, ACTIVATION, activation, binding.activation()));
    }

    private double override(BindingConfig binding, String key, String text, double configured) {
        if (text == null) {
            return configured;
        }
        if (!binding.metadataOverrides().contains(key)) {
            if (warned.add(binding.serviceType() + '/' + key)) {
                log.warn("serviceType '{}': ignoring trigger metadata '{}' because the binding's metadataOverrides "
                        + "does not allow it; the configured {} {} applies", binding.serviceType(), key, key, configured);
            }
            return configured;
        }
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException notANumber) {
            throw invalid(binding, key, text, "must be a number");
        }
        if (!Double.isFinite(value)) {
            throw invalid(binding, key, text, "must be a finite number");
        }
        if (key.equals(TARGET) && value <= 0) {
            throw invalid(binding, key, text, "must be greater than 0");
        }
        return value;
    }

    private static StatusRuntimeException invalid(BindingConfig binding, String key, String text, String rule) {
        return Status.INVALID_ARGUMENT.withDescription("trigger metadata " + key + " of serviceType '"
                + binding.serviceType() + "' " + rule + ", got '" + SafeText.clip(text, 64) + "'").asRuntimeException();
    }
}
