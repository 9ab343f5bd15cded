package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.ServiceTypeConfig;

/**
 * One ScaledObject trigger as resolved against the catalog: its serviceType and the target and
 * activation in effect after any allowed metadata overrides.
 */
record Trigger(ServiceTypeConfig config, double target, double activation) {

    String serviceType() {
        return config.serviceType();
    }
}
