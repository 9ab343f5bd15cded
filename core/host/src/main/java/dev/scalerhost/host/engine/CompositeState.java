package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.CompositeConfig;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.Registration;
import dev.scalerhost.host.status.CompositeStatus;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A composite serviceType: {@code operator(weight × part value, ...)} over its parts' values, never
 * measured itself. Its value is usable only while every part's is: a part without a usable value
 * makes the composite unavailable, naming that part, because a max or sum over the remaining parts
 * would under-scale. The activation value combines the parts' activation values the same way.
 *
 * <p>When a part gets a new good value and every part is usable, the composite's listeners get the
 * new combination; recomputing and notifying happen under one lock, so listeners see combinations
 * in the order they were computed.
 */
final class CompositeState implements ServiceTypeState {

    /** A part and its weight. */
    record Part(ServiceTypeState state, double weight) {
    }

    private final ServiceTypeConfig config;
    private final List<Part> parts;
    private final Clock clock;
    private final Listeners listeners;
    private final Registration gauges;
    private final MeasurementObserver observer;
    private final Object lock = new Object();

    CompositeState(ServiceTypeConfig config, List<Part> parts, Clock clock, HostMetrics metrics,
            MeasurementObserver observer) {
        this.config = config;
        this.observer = observer;
        this.parts = List.copyOf(parts);
        this.clock = clock;
        this.listeners = new Listeners(config.serviceType());
        this.parts.forEach(part -> part.state().listeners().addDependent(this::partChanged));
        // The configured target, so that dashboards can show value against target and value / target,
        // the replicas the HPA asks for (AverageValue) before min, max and KEDA's own limits.
        this.gauges = metrics.serviceType(config.serviceType(), this::gaugeValue, this::gaugeAge, config.target());
    }

    @Override
    public void unregister() {
        gauges.unregister();
    }

    List<Part> parts() {
        return parts;
    }

    @Override
    public ServiceTypeConfig config() {
        return config;
    }

    @Override
    public Reading.Value usable(long now) {
        List<Reading.Value> values = new ArrayList<>(parts.size());
        for (Part part : parts) {
            Reading.Value value = part.state().usable(now);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return combine(values);
    }

    /**
     * The composite of the parts' reads ({@code reads} in part order): completes with the
     * combination, or with {@link MeasurementUnavailableException} naming every part that failed.
     */
    CompletableFuture<Reading.Value> combineReads(List<CompletableFuture<Reading.Value>> reads) {
        CompletableFuture<Reading.Value> answer = new CompletableFuture<>();
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            List<Reading.Value> values = new ArrayList<>(parts.size());
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                try {
                    values.add(reads.get(i).join());
                } catch (CompletionException failed) {
                    Throwable cause = failed.getCause() == null ? failed : failed.getCause();
                    failures.add(partFailure(parts.get(i), cause instanceof MeasurementUnavailableException
                            ? cause.getMessage() : SafeText.describe(cause)));
                }
            }
            try {
                if (!failures.isEmpty()) {
                    throw unavailable(failures);
                }
                answer.complete(combine(values));
            } catch (MeasurementUnavailableException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Override
    public String unavailableMessage(long now) {
        List<String> failures = new ArrayList<>();
        for (Part part : parts) {
            if (part.state().usable(now) == null) {
                failures.add(partFailure(part, part.state().unavailableMessage(now)));
            }
        }
        return failures.isEmpty() ? prefix() + "every part has a value now" : unavailable(failures).getMessage();
    }

    /** The combination of the parts' last good values, as old as the oldest of them. */
    @Override
    public Sample latest() {
        List<Reading.Value> values = new ArrayList<>(parts.size());
        long oldest = Long.MAX_VALUE;
        for (Part part : parts) {
            Sample sample = part.state().latest();
            if (sample.good() == null) {
                return Sample.EMPTY;
            }
            values.add(sample.good());
            oldest = Math.min(oldest, sample.goodAtMillis());
        }
        try {
            return new Sample(combine(values), oldest, null, Sample.NEVER, Sample.NEVER);
        } catch (MeasurementUnavailableException overflow) {
            return Sample.EMPTY;
        }
    }

    @Override
    public Listeners listeners() {
        return listeners;
    }

    @Override
    public ServiceTypeStatus status() {
        long now = clock.millis();
        Sample latest = latest();
        Reading.Value good = latest.good();
        List<CompositeStatus.Part> partStatuses = new ArrayList<>(parts.size());
        for (Part part : parts) {
            Reading.Value value = part.state().latest().good();
            partStatuses.add(new CompositeStatus.Part(part.state().serviceType(), part.weight(),
                    value == null ? null : value.value(), value == null ? null : part.weight() * value.value(),
                    part.state().usable(now) != null));
        }
        CompositeConfig composite = config.composite();
        return new ServiceTypeStatus(config.serviceType(), null, composite.describe(), config.target(), config.activation(),
                good == null ? null : good.value(),
                good == null ? null : Instant.ofEpochMilli(latest.goodAtMillis()),
                good != null && good.activationValue() > config.activation(),
                usable(now) == null ? unavailableMessage(now) : null, null, Map.of(),
                new CompositeStatus(composite.operator().keyword(), partStatuses));
    }

    private void partChanged() {
        synchronized (lock) {
            long now = clock.millis();
            Reading.Value value;
            try {
                value = usable(now);
            } catch (MeasurementUnavailableException overflow) {
                Observers.failed(observer, config, now, overflow.getMessage());
                return;
            }
            if (value != null) {
                Observers.measured(observer, config, now, value);
                listeners.notify(value);
            } else {
                Observers.failed(observer, config, now, unavailableMessage(now));
            }
        }
    }

    private Reading.Value combine(List<Reading.Value> values) {
        CompositeConfig.Operator operator = config.composite().operator();
        double value = 0;
        double activationValue = 0;
        for (int i = 0; i < parts.size(); i++) {
            double weight = parts.get(i).weight();
            Reading.Value part = values.get(i);
            value = i == 0 ? weight * part.value() : operator.apply(value, weight * part.value());
            activationValue = i == 0 ? weight * part.activationValue()
                    : operator.apply(activationValue, weight * part.activationValue());
        }
        if (!Double.isFinite(value) || !Double.isFinite(activationValue)) {
            throw new MeasurementUnavailableException(prefix() + "the weighted parts overflow a double: "
                    + SafeText.clip(values.toString(), 200));
        }
        return Reading.of(value, activationValue);
    }

    private MeasurementUnavailableException unavailable(List<String> failures) {
        return new MeasurementUnavailableException(prefix() + String.join("; ", failures));
    }

    private String prefix() {
        return "serviceType '" + config.serviceType() + "' (composite " + config.composite().describe() + "): ";
    }

    private static String partFailure(Part part, String cause) {
        return "part '" + part.state().serviceType() + "' has no usable value, so the composite has none: " + cause;
    }

    private double gaugeValue() {
        Reading.Value good = latest().good();
        return good == null ? Double.NaN : good.value();
    }

    private double gaugeAge() {
        Sample latest = latest();
        return latest.good() == null ? Double.NaN : (clock.millis() - latest.goodAtMillis()) / 1000.0;
    }
}
