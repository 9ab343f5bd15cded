package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.spi.Reading;

/**
 * Hears of every measurement outcome of every serviceType, on the measurement path (never on the
 * path of a KEDA call): a new good value, or a failed attempt. Called on a measurement thread, at
 * most one call at a time per serviceType; it must be quick and must not block. A composite
 * serviceType is reported whenever a part's new value gives it a new combination.
 */
public interface MeasurementObserver {

    /** Hears nothing. */
    MeasurementObserver NONE = new MeasurementObserver() {
        @Override
        public void measured(ServiceTypeConfig config, long atMillis, Reading.Value value) {
        }

        @Override
        public void failed(ServiceTypeConfig config, long atMillis, String cause) {
        }
    };

    /** {@code config}'s serviceType measured {@code value} at {@code atMillis} (the engine clock's). */
    void measured(ServiceTypeConfig config, long atMillis, Reading.Value value);

    /** A measurement of {@code config}'s serviceType failed at {@code atMillis} with {@code cause}. */
    void failed(ServiceTypeConfig config, long atMillis, String cause);
}
