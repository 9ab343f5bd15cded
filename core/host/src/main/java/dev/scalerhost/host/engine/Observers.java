package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.spi.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a {@link MeasurementObserver} so that its failure never disturbs a measurement. */
final class Observers {

    private static final Logger log = LoggerFactory.getLogger(Observers.class);

    private Observers() {
    }

    static void measured(MeasurementObserver observer, ServiceTypeConfig config, long now, Reading.Value value) {
        try {
            observer.measured(config, now, value);
        } catch (RuntimeException e) {
            log.warn("recording a value of serviceType '{}' failed: {}", config.serviceType(), SafeText.describe(e));
        }
    }

    static void failed(MeasurementObserver observer, ServiceTypeConfig config, long now, String cause) {
        try {
            observer.failed(config, now, cause);
        } catch (RuntimeException e) {
            log.warn("recording a failure of serviceType '{}' failed: {}", config.serviceType(), SafeText.describe(e));
        }
    }
}
