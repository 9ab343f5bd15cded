package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SourceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka cluster. A refresh sends one {@code listConsumerGroupOffsets} for every group of the
 * batch, one {@code listOffsets} (latest) for the union of their partitions, one more (earliest)
 * only if a binding needs log start offsets, and {@code describeTopics} only for topics whose
 * partition list is due. So the requests of a refresh do not grow with the number of bindings.
 */
final class KafkaLagSource implements MetricSource {

    /** Default of the source key {@code membersRefreshInterval}. */
    static final Duration GROUP_MEMBERS_INTERVAL = Duration.ofSeconds(15);

    private final KafkaClientSettings settings;
    private final SourceMetrics metrics;
    private final KafkaRequests.Listener listener;
    private final TopicPartitionCache topics;
    private final FailureLog failures;
    private final Logger log;
    private final Clock clock;
    private final RateFigures rateFigures;
    private final AtomicInteger requestsThisRefresh = new AtomicInteger();
    private volatile int requestsLastRefresh;
    private volatile Admin admin;
    private volatile boolean closed;
    /** Created with the Admin client at the first measurement; used only by the measuring thread. */
    private KafkaRequests requests;

    private KafkaLagSource(KafkaClientSettings settings, Duration membersInterval, SourceContext context) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = context.metrics();
        this.listener = new KafkaRequests.Listener() {
            @Override
            public void request(String api) {
                requestsThisRefresh.incrementAndGet();
                metrics.count("requests_total", 1, "api", api);
            }

            @Override
            public void error(String code) {
                metrics.count("errors_total", 1, "code", code);
            }
        };
        this.topics = new TopicPartitionCache(settings.metadataRefreshInterval(), context.clock());
        this.log = LoggerFactory.getLogger(context.loggerName());
        this.failures = new FailureLog(log);
        this.clock = context.clock();
        this.rateFigures = new RateFigures(membersInterval, context.clock());
        metrics.gauge("requests_last_refresh", () -> requestsLastRefresh);
    }

    /**
     * A source whose Admin client is created at the first measurement: creating it resolves the
     * bootstrap host names, and a name that does not resolve yet must fail measurements, not startup.
     */
    static KafkaLagSource open(KafkaClientSettings settings, SourceContext context) {
        return open(settings, GROUP_MEMBERS_INTERVAL, context);
    }

    /** @param membersInterval how often the members of every group are described at most */
    static KafkaLagSource open(KafkaClientSettings settings, Duration membersInterval, SourceContext context) {
        return new KafkaLagSource(settings, membersInterval, context);
    }

    private KafkaRequests requests() throws KafkaUnavailableException {
        if (requests == null) {
            try {
                admin = Admin.create(settings.clientProperties());
            } catch (KafkaException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new KafkaUnavailableException("cannot create the Kafka client: " + root.getMessage(), e);
            }
            requests = new KafkaRequests(admin, listener);
            if (closed) {
                admin.close(Duration.ZERO);
            }
        }
        return requests;
    }

    @Override
    public Metric prepare(Settings params) {
        LagSpec spec = LagSpec.read(params);
        RateSpec rates = RateSpec.read(params);
        return spec == null || rates == null ? null : new LagMetric(spec, rates);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws KafkaUnavailableException {
        long started = System.nanoTime();
        requestsThisRefresh.set(0);
        try {
            Map<Metric, Reading> readings = measureAll(lagMetrics(batch), deadline);
            failures.succeeded(this);
            return readings;
        } catch (KafkaUnavailableException e) {
            metrics.count("refresh_failures_total", 1);
            String message = "Kafka cluster " + settings.bootstrapServers() + " unavailable: " + e.getMessage();
            failures.failed(this, message);
            log.debug("{}", message, e);
            // The message is the cause in words; Kafka's own exception (whose text would otherwise be
            // what users read, being the innermost) stays in the log.
            throw new KafkaUnavailableException(message, null);
        } finally {
            requestsLastRefresh = requestsThisRefresh.get();
            metrics.count("refreshes_total", 1);
            metrics.time("refresh_duration", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Map<Metric, Reading> measureAll(List<LagMetric> batch, Deadline deadline) throws KafkaUnavailableException {
        Map<LagMetric, Reading> measured = new LagRefresh(requests(), topics, clock, settings.bootstrapServers(), rateFigures)
                .run(batch, deadline);
        Map<Metric, Reading> readings = new HashMap<>();
        measured.forEach((metric, reading) -> {
            if (reading instanceof Reading.Failure failure) {
                failures.failed(metric, failure.message());
            } else {
                failures.succeeded(metric);
            }
            readings.put(metric, reading);
        });
        return readings;
    }

    private static List<LagMetric> lagMetrics(Collection<Metric> batch) {
        return batch.stream().distinct().map(metric -> {
            if (metric instanceof LagMetric lag) {
                return lag;
            }
            throw new IllegalArgumentException("not a metric prepared by a kafka-lag source: " + metric.describe());
        }).toList();
    }

    @Override
    public String describe() {
        return settings.bootstrapServers() + " (" + settings.securityProtocol() + ")";
    }

    @Override
    public String toString() {
        return "kafka-lag source " + describe();
    }

    /** Closing without waiting makes a measurement still in flight fail at once. */
    @Override
    public void close() {
        closed = true;
        Admin created = admin;
        if (created != null) {
            created.close(Duration.ZERO);
        }
    }
}
