package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SourceMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.LoggerFactory;

/**
 * One Kafka cluster. A refresh sends one {@code listConsumerGroupOffsets} for every group of the
 * batch, one {@code listOffsets} (latest) for the union of their partitions, one more (earliest)
 * only if a binding needs log start offsets, and {@code describeTopics} / {@code describeConsumerGroups}
 * only for topics whose partition list is due and groups that committed nothing. So the requests of
 * a refresh do not grow with the number of bindings.
 */
final class KafkaLagSource implements MetricSource {

    private final KafkaClientSettings settings;
    private final SourceMetrics metrics;
    private final KafkaRequests.Listener listener;
    private volatile Admin admin;
    private KafkaRequests requests;
    private volatile boolean closed;
    private final TopicPartitionCache topics;
    private final FailureLog failures;
    private final AtomicInteger requestsThisRefresh = new AtomicInteger();
    private volatile int requestsLastRefresh;

    private KafkaLagSource(KafkaClientSettings settings, SourceContext context) {
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
        this.failures = new FailureLog(LoggerFactory.getLogger(context.loggerName()));
        metrics.gauge("requests_last_refresh", () -> requestsLastRefresh);
    }

    /**
     * A source whose Admin client is created at the first measurement: creating it resolves the
     * bootstrap host names, and a name that does not resolve yet must fail measurements, not startup.
     */
    static KafkaLagSource open(KafkaClientSettings settings, SourceContext context) {
        return new KafkaLagSource(settings, context);
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
        return spec == null ? null : new LagMetric(spec);
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
            throw new KafkaUnavailableException(message, e.getCause());
        } finally {
            requestsLastRefresh = requestsThisRefresh.get();
            metrics.count("refreshes_total", 1);
            metrics.time("refresh_duration", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Map<Metric, Reading> measureAll(List<LagMetric> batch, Deadline deadline) throws KafkaUnavailableException {
        Set<String> groups = new LinkedHashSet<>();
        batch.forEach(m -> groups.add(m.spec().consumerGroup()));
        KafkaRequests requests = requests();
        Map<String, Outcome<Map<TopicPartition, Long>>> committed = requests.committedOffsets(groups, deadline);
        Map<String, String> groupFailures = groupFailures(requests, committed, deadline);

        Set<String> wantedTopics = new LinkedHashSet<>();
        Set<TopicPartition> seen = new LinkedHashSet<>();
        for (LagMetric metric : batch) {
            if (committed.get(metric.spec().consumerGroup()) instanceof Outcome.Ok<Map<TopicPartition, Long>> ok) {
                wantedTopics.addAll(LagPlan.topicsOf(metric.spec(), ok.value()));
                seen.addAll(ok.value().keySet());
            }
        }
        Map<String, Outcome<List<Integer>>> partitionLists = wantedTopics.isEmpty()
                ? Map.of() : topics.partitions(wantedTopics, seen, requests, deadline);

        Map<LagMetric, LagPlan> plans = new HashMap<>();
        Set<TopicPartition> latest = new LinkedHashSet<>();
        Set<TopicPartition> earliest = new LinkedHashSet<>();
        for (LagMetric metric : batch) {
            String group = metric.spec().consumerGroup();
            LagPlan plan = groupFailures.containsKey(group)
                    ? LagPlan.failed(groupFailures.get(group))
                    : LagPlan.of(metric.spec(), ((Outcome.Ok<Map<TopicPartition, Long>>) committed.get(group)).value(),
                            partitionLists);
            plans.put(metric, plan);
            latest.addAll(plan.partitions());
            earliest.addAll(plan.needingLogStart(metric.spec()));
        }
        Map<TopicPartition, Outcome<Long>> ends = latest.isEmpty()
                ? Map.of() : requests.offsets(latest, OffsetSpec.latest(), deadline);
        Map<TopicPartition, Outcome<Long>> starts = earliest.isEmpty()
                ? Map.of() : requests.offsets(earliest, OffsetSpec.earliest(), deadline);

        Map<Metric, Reading> readings = new HashMap<>();
        for (LagMetric metric : batch) {
            Reading reading = reading(metric, plans.get(metric), ends, starts);
            if (reading instanceof Reading.Failure failure) {
                failures.failed(metric, failure.message());
            } else {
                failures.succeeded(metric);
            }
            readings.put(metric, reading);
        }
        return readings;
    }

    /** Groups that cannot be measured: their offsets failed, or they committed nothing and do not exist. */
    private Map<String, String> groupFailures(KafkaRequests requests, Map<String, Outcome<Map<TopicPartition, Long>>> committed,
                                              Deadline deadline) throws KafkaUnavailableException {
        Map<String, String> failed = new HashMap<>();
        Set<String> empty = new LinkedHashSet<>();
        committed.forEach((group, outcome) -> {
            if (outcome instanceof Outcome.Failed<Map<TopicPartition, Long>> failure) {
                failed.put(group, "consumer group " + group + ": cannot read its committed offsets: "
                        + KafkaErrors.cause(failure.failure()));
            } else if (((Outcome.Ok<Map<TopicPartition, Long>>) outcome).value().isEmpty()) {
                empty.add(group);
            }
        });
        if (!empty.isEmpty()) {
            requests.groupsExist(empty, deadline).forEach((group, exists) -> {
                if (exists instanceof Outcome.Failed<Boolean> failure) {
                    failed.put(group, "consumer group " + group + ": cannot describe it: " + KafkaErrors.cause(failure.failure()));
                } else if (!((Outcome.Ok<Boolean>) exists).value()) {
                    failed.put(group, "consumer group " + group + " does not exist on " + settings.bootstrapServers()
                            + " (no members, no committed offsets); check consumerGroup, or start its consumers once");
                }
            });
        }
        return failed;
    }

    private Reading reading(LagMetric metric, LagPlan plan, Map<TopicPartition, Outcome<Long>> ends,
                            Map<TopicPartition, Outcome<Long>> starts) {
        if (plan.failure().isPresent()) {
            return Reading.failure(plan.failure().get());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition partition : plan.partitions()) {
            String problem = collect(partition, ends, end);
            if (problem == null && plan.needingLogStart(metric.spec()).contains(partition)) {
                problem = collect(partition, starts, start);
            }
            if (problem != null) {
                return Reading.failure("partition " + partition + " (group " + metric.spec().consumerGroup()
                        + "): cannot read its offsets: " + problem);
            }
        }
        Reading.Value value = LagCalculator.compute(metric.spec(), plan.partitions(), plan.committed(), end, start,
                metric.previousCommitted());
        metric.rememberCommitted(plan.committed());
        return value;
    }

    /** Puts {@code partition}'s offset into {@code into}, or returns why there is none. */
    private String collect(TopicPartition partition, Map<TopicPartition, Outcome<Long>> offsets,
                           Map<TopicPartition, Long> into) {
        Outcome<Long> outcome = offsets.get(partition);
        if (outcome instanceof Outcome.Ok<Long> ok) {
            into.put(partition, ok.value());
            return null;
        }
        Throwable failure = ((Outcome.Failed<Long>) outcome).failure();
        if (failure instanceof UnknownTopicOrPartitionException) {
            topics.invalidate(partition.topic());
        }
        return KafkaErrors.cause(failure);
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
