package dev.scalerhost.plugin.rabbitmq;

import dev.scalerhost.plugin.rabbitmq.QueueMetric.Mode;
import dev.scalerhost.plugin.support.TimedRequest;
import dev.scalerhost.plugin.support.http.Answers;
import dev.scalerhost.plugin.support.http.HttpEndpoint;
import dev.scalerhost.plugin.support.http.HttpSource;
import dev.scalerhost.plugin.support.http.RequestFailedException;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Queues of one broker through its management HTTP API: one {@code GET /api/queues} per refresh for
 * every binding of the source (the vhost's queues when all bindings share one vhost, else all), with
 * only the columns used. Without a {@code MessageRate} binding it asks with {@code disable_stats},
 * which spares the broker its message statistics and still carries the queue counts.
 */
final class ManagementSource extends HttpSource {

    private final BrokerEndpoint endpoint;
    private final TimedRequest requests;

    ManagementSource(BrokerEndpoint endpoint, SourceContext context) {
        super(new HttpEndpoint(endpoint.url(), Map.of("Authorization", basicAuthorization(endpoint)), endpoint.tls(),
                List.of()), "scalerhost", context);
        this.endpoint = endpoint;
        this.requests = new TimedRequest(metrics(), failures());
    }

    private static String basicAuthorization(BrokerEndpoint endpoint) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (endpoint.username() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Metric prepare(Settings params) {
        return QueueMetric.read(params, false);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws RabbitMqUnavailableException {
        List<QueueMetric> queues = batch.stream().map(QueueMetric.class::cast).toList();
        Set<String> vhosts = queues.stream().map(QueueMetric::vhost).collect(Collectors.toSet());
        boolean rates = queues.stream().anyMatch(queue -> queue.mode() == Mode.MESSAGE_RATE);
        String vhost = vhosts.size() == 1 ? vhosts.iterator().next() : null;
        String path = "/api/queues" + (vhost != null ? "/" + encode(vhost) : "");
        URI uri = URI.create(endpoint.describe() + path + "?columns=" + QueueStats.COLUMNS
                + (rates ? "" : "&disable_stats=true&enable_queue_totals=true"));
        List<QueueStats> listed = requests.send("RabbitMQ at " + endpoint.describe(), RabbitMqUnavailableException.class,
                () -> fetch(uri, vhost, deadline));
        Map<Metric, Reading> readings = new HashMap<>();
        for (QueueMetric queue : queues) {
            Reading reading = reading(queue, listed);
            if (failures().record(queue.describe(), reading)) {
                metrics().count("binding_errors_total", 1);
            }
            readings.put(queue, reading);
        }
        return readings;
    }

    private Reading reading(QueueMetric metric, List<QueueStats> listed) {
        List<QueueStats> matching = listed.stream().filter(q -> metric.matches(q.name(), q.vhost())).toList();
        String where = ("/".equals(metric.vhost()) ? "" : " in vhost '" + metric.vhost() + "'")
                + " on RabbitMQ at " + endpoint.describe();
        if (matching.isEmpty()) {
            return Reading.failure(metric.pattern() != null
                    ? "no queue matches '" + metric.queueName() + "'" + where + "; check queueName (a regular"
                            + " expression, as useRegex is true) and vhostName"
                    : "queue '" + metric.queueName() + "' does not exist" + where + "; declare it or fix queueName"
                            + " and vhostName");
        }
        List<Double> counts = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (QueueStats queue : matching) {
            long count = metric.excludeUnacknowledged() ? queue.messagesReady() : queue.messages();
            if (count < 0) {
                return Reading.failure("RabbitMQ at " + endpoint.describe() + " has no message count for queue '"
                        + queue.name() + "' yet (its statistics are collected every few seconds)");
            }
            counts.add((double) count);
            rates.add(Math.max(0, queue.publishRate()));
        }
        double messages = aggregate(metric.operation(), counts);
        if (metric.mode() == Mode.QUEUE_LENGTH) {
            return Reading.of(messages);
        }
        double rate = aggregate(metric.operation(), rates);
        // As KEDA: a MessageRate workload is active while messages arrive or wait.
        return Reading.of(rate, Math.max(rate, messages));
    }

    private static double aggregate(QueueMetric.Operation operation, List<Double> values) {
        return switch (operation) {
            case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
            case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            case AVG -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        };
    }

    private List<QueueStats> fetch(URI uri, String vhost, Deadline deadline) throws RabbitMqUnavailableException {
        String target = "the RabbitMQ management API at " + endpoint.describe();
        try {
            HttpResponse<String> response = Answers.await(fetcher().get(uri, "application/json", deadline,
                    HttpResponse.BodyHandlers.ofString()), deadline, target, "https".equals(uri.getScheme()));
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new RabbitMqUnavailableException(target + " refused the credentials of user '" + endpoint.username()
                        + "' (HTTP " + status + "); check username and password, and that the user has the"
                        + " 'monitoring' tag");
            }
            if (status == 404 && vhost != null) {
                throw new RabbitMqUnavailableException("vhost '" + vhost + "' does not exist on RabbitMQ at "
                        + endpoint.describe() + "; fix vhostName");
            }
            if (status != 200) {
                throw new RabbitMqUnavailableException(target + " answered HTTP " + status + ": "
                        + endpoint.redact(abbreviate(response.body())));
            }
            return QueueStats.parse(response.body());
        } catch (IOException e) {
            throw new RabbitMqUnavailableException(target + " answered something that is not a list of queues: "
                    + endpoint.redact(e.getMessage()));
        } catch (RequestFailedException e) {
            throw new RabbitMqUnavailableException(endpoint.redact(e.getMessage()));
        }
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }
}
