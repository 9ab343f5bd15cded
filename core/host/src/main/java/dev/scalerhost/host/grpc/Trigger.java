package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.BindingConfig;

/**
 * One ScaledObject trigger as resolved against the catalog: its binding and the target and
 * activation in effect after any allowed metadata overrides.
 */
record Trigger(BindingConfig binding, double target, double activation) {

    String serviceType() {
        return binding.serviceType();
    }
}
