package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.metrics.Count;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.Registration;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's knowledge of one serviceType: its latest {@link Sample} and its listeners.
 *
 * <p>Readers read the volatile sample without locking. It is written only by the serviceType's
 * {@link SourceWorker} while it holds its lock, so there is one writer at a time.
 */
final class MeasuredState implements ServiceTypeState {

    private static final Logger log = LoggerFactory.getLogger(MeasuredState.class);

    private final PreparedServiceType prepared;
    private final String metricDescription;
    private final RefreshPolicy refresh;
    private final Clock clock;
    private final Count failures;
    private final Registration gauges;
    private final Listeners listeners;
    private final ValueWindow window;
    private final DetailGauges detailGauges;
    private final MeasurementObserver observer;
    private volatile Sample sample = Sample.EMPTY;

    MeasuredState(PreparedServiceType prepared, Clock clock, HostMetrics metrics, MeasurementObserver observer) {
        this.prepared = prepared;
        this.observer = observer;
        this.clock = clock;
        ServiceTypeConfig config = prepared.config();
        this.refresh = new RefreshPolicy(config.timing());
        this.metricDescription = describe(prepared.metric());
        this.listeners = new Listeners(config.serviceType());
        this.window = config.window() == null ? null : new ValueWindow(config.window());
        this.detailGauges = new DetailGauges(metrics, config.serviceType(), () -> {
            Reading.Value good = sample.good();
            return good == null ? Map.of() : good.details();
        });
        this.failures = metrics.measurementFailure(config.source(), config.serviceType());
        // The configured target, so that dashboards can show value against target and value / target,
        // the replicas the HPA asks for (AverageValue) before min, max and KEDA's own limits.
        this.gauges = metrics.serviceType(config.serviceType(), this::gaugeValue, this::gaugeAge, config.target());
    }

    @Override
    public ServiceTypeConfig config() {
        return prepared.config();
    }

    String sourceName() {
        return prepared.config().source();
    }

    Metric metric() {
        return prepared.metric();
    }

    Duration timeout() {
        return refresh.timeout();
    }

    RefreshPolicy refresh() {
        return refresh;
    }

    /** The last good value if it is not older than maxStaleness, else null. */
    @Override
    public Reading.Value usable(long now) {
        return refresh.usable(sample, now);
    }

    /** Whether a refresh interval has passed since the last measurement of this serviceType started. */
    boolean isDue(long now) {
        return refresh.isDue(sample, now);
    }

    void markAttempt(long now) {
        sample = sample.attempted(now);
    }

    /** Records a good value; logs the recovery if the previous attempt had failed. */
    void succeed(Reading.Value measured, long now) {
        Reading.Value value = window == null ? measured : window.add(measured, now);
        Sample before = sample;
        sample = before.succeeded(value, now);
        detailGauges.update(value.details());
        Observers.measured(observer, prepared.config(), now, value);
        if (before.error() != null) {
            log.info("serviceType '{}' (source '{}') measures again: value {}", serviceType(), sourceName(), value.value());
        }
    }

    /**
     * Records a failed attempt and counts it; logs it if {@code logIt} and it differs from the
     * previous failure (whole-batch failures are logged once by the source instead).
     */
    void fail(String cause, long now, boolean logIt) {
        Sample before = sample;
        sample = before.failed(cause, now);
        failures.inc();
        Observers.failed(observer, prepared.config(), now, cause);
        if (logIt && !cause.equals(before.error())) {
            log.warn("serviceType '{}' (source '{}'): measurement failed: {}", serviceType(), sourceName(), cause);
        }
    }

    /** Why there is no usable value now, naming the serviceType, the source and the cause. */
    @Override
    public String unavailableMessage(long now) {
        Sample s = sample;
        StringBuilder out = new StringBuilder(160).append("serviceType '").append(serviceType())
                .append("' (source '").append(sourceName()).append("'): ");
        if (s.error() != null) {
            out.append(s.error());
        } else if (s.good() == null) {
            out.append("no measurement has finished yet");
        } else {
            out.append("no measurement has finished since the last good value");
        }
        if (s.good() == null) {
            out.append("; no value measured yet");
        } else {
            out.append("; last good value is ").append(SafeText.duration(Duration.ofMillis(now - s.goodAtMillis())))
                    .append(" old, older than maxStaleness ")
                    .append(SafeText.duration(prepared.config().timing().maxStaleness()));
        }
        return out.toString();
    }

    @Override
    public Sample latest() {
        return sample;
    }

    @Override
    public void unregister() {
        gauges.unregister();
        detailGauges.unregister();
    }

    @Override
    public Listeners listeners() {
        return listeners;
    }

    @Override
    public ServiceTypeStatus status() {
        Sample s = sample;
        ServiceTypeConfig config = prepared.config();
        Reading.Value good = s.good();
        return new ServiceTypeStatus(config.serviceType(), config.source(), metricDescription, config.target(),
                config.activation(), good == null ? null : good.value(), instant(s.goodAtMillis()),
                good != null && good.activationValue() > config.activation(), s.error(), instant(s.errorAtMillis()),
                good == null ? null : good.details());
    }

    private double gaugeValue() {
        Reading.Value good = sample.good();
        return good == null ? Double.NaN : good.value();
    }

    private double gaugeAge() {
        Sample s = sample;
        return s.good() == null ? Double.NaN : (clock.millis() - s.goodAtMillis()) / 1000.0;
    }

    private static Instant instant(long millis) {
        return millis == Sample.NEVER ? null : Instant.ofEpochMilli(millis);
    }

    private static String describe(Metric metric) {
        try {
            return SafeText.clip(metric.describe(), 300);
        } catch (RuntimeException e) {
            return "(describe() failed: " + SafeText.describe(e) + ")";
        }
    }
}
