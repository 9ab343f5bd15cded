package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.spi.Reading;

/**
 * What the engine knows of one serviceType, measured ({@link MeasuredState}) or composite
 * ({@link CompositeState}). Times are the engine clock's milliseconds.
 */
interface ServiceTypeState {

    ServiceTypeConfig config();

    default String serviceType() {
        return config().serviceType();
    }

    /** The value to answer with now, or null if there is no usable one. */
    Reading.Value usable(long now);

    /** Why there is no usable value now, naming the serviceType and the cause. */
    String unavailableMessage(long now);

    /**
     * The last good value and when it was measured, however old; {@link Sample#good()} is null if
     * there is none.
     */
    Sample latest();

    Listeners listeners();

    ServiceTypeStatus status();

    /** Removes this state's gauges, unless a newer engine (after a reload) has registered its own under the same names. */
    void unregister();
}
