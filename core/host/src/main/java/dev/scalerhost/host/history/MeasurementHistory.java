package dev.scalerhost.host.history;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.engine.MeasurementObserver;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last hour of every serviceType, kept in memory by the host and bounded: {@value #POINTS}
 * slots per serviceType, one per {@link #RESOLUTION} (one per refresh at the default 5 s refresh;
 * faster refreshes are downsampled to the last outcome of each slot). It hears the engine's
 * measurement outcomes ({@link MeasurementObserver}), so recording costs nothing on KEDA's calls,
 * and it outlives configuration reloads; {@link #retain} forgets removed serviceTypes.
 */
public final class MeasurementHistory implements MeasurementObserver {

    /** Slots per serviceType. */
    public static final int POINTS = 720;
    /** How much time a snapshot covers. */
    public static final Duration SPAN = Duration.ofHours(1);
    /**
     * The width of one slot. In milliseconds, not {@code SPAN.dividedBy(POINTS)}: that divides a
     * {@code BigDecimal}, whose initialisation on Java 24+ cost every start 15 to 30 ms.
     */
    public static final Duration RESOLUTION = Duration.ofMillis(SPAN.toMillis() / POINTS);

    /** Where outcomes of serviceTypes no longer served go. */
    private static final SeriesRing DISCARD = new SeriesRing(1, 1, 0);

    private final ConcurrentMap<String, SeriesRing> rings = new ConcurrentHashMap<>();
    private final Clock clock;
    /** The serviceTypes recorded; null until the first {@link #retain}, meaning all. */
    private volatile Set<String> kept;

    public MeasurementHistory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void measured(ServiceTypeConfig config, long atMillis, Reading.Value value) {
        ring(config.serviceType(), atMillis).value(atMillis, value.value(), config.target(),
                value.activationValue() > config.activation(), value.details());
    }

    @Override
    public void failed(ServiceTypeConfig config, long atMillis, String cause) {
        ring(config.serviceType(), atMillis).failure(atMillis, config.target(), cause);
    }

    /** The last hour of {@code serviceType}; empty if nothing was recorded for it. */
    public Optional<HistorySnapshot> snapshot(String serviceType) {
        SeriesRing ring = rings.get(Objects.requireNonNull(serviceType, "serviceType"));
        return ring == null ? Optional.empty()
                : Optional.of(ring.snapshot(serviceType, clock.millis() - SPAN.toMillis()));
    }

    /**
     * When the current run of failed measurements of {@code serviceType} began (the clock's millis),
     * or {@link HistorySnapshot#NEVER} if its last outcome was a good value or nothing was recorded.
     */
    public long failingSince(String serviceType) {
        SeriesRing ring = rings.get(Objects.requireNonNull(serviceType, "serviceType"));
        return ring == null ? HistorySnapshot.NEVER : ring.failingSince();
    }

    /**
     * Records only {@code serviceTypes} from now on and forgets the others, e.g. those a reload
     * removed (an engine being retired may still report them).
     */
    public void retain(Collection<String> serviceTypes) {
        Set<String> retained = Set.copyOf(serviceTypes);
        kept = retained;
        rings.keySet().removeIf(serviceType -> !retained.contains(serviceType));
    }

    /** How many serviceTypes have a history. */
    public int size() {
        return rings.size();
    }

    private SeriesRing ring(String serviceType, long nowMillis) {
        SeriesRing ring = rings.get(serviceType);
        if (ring != null) {
            return ring;
        }
        Set<String> retained = kept;
        if (retained != null && !retained.contains(serviceType)) {
            return DISCARD;
        }
        return rings.computeIfAbsent(serviceType, name -> new SeriesRing(POINTS, RESOLUTION.toMillis(), nowMillis));
    }
}
