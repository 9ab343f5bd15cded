package dev.scalerhost.plugin.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.scalerhost.plugin.support.FailureLog;
import dev.scalerhost.plugin.support.TimedRequest;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SourceMetrics;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * Queue lengths over AMQP, for brokers without the management plugin (as KEDA's {@code protocol: amqp}):
 * a passive declare per distinct queue, on one connection per vhost kept between refreshes. AMQP has no
 * batch query, so this costs one round trip per queue; the count is the ready messages (AMQP does not
 * report unacknowledged ones), as in KEDA.
 */
final class AmqpSource implements MetricSource {

    private final BrokerEndpoint endpoint;
    private final SourceMetrics metrics;
    private final FailureLog failures;
    private final TimedRequest requests;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    AmqpSource(BrokerEndpoint endpoint, SourceContext context) {
        this.endpoint = endpoint;
        this.metrics = context.metrics();
        this.failures = new FailureLog(LoggerFactory.getLogger(context.loggerName()));
        this.requests = new TimedRequest(metrics, failures);
    }

    @Override
    public Metric prepare(Settings params) {
        return QueueMetric.read(params, true);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws RabbitMqUnavailableException {
        Map<String, Map<String, Reading>> byVhost = new LinkedHashMap<>();
        for (Metric metric : batch) {
            QueueMetric queue = (QueueMetric) metric;
            byVhost.computeIfAbsent(queue.vhost(), v -> new LinkedHashMap<>()).put(queue.queueName(), null);
        }
        requests.send("RabbitMQ at " + endpoint.describe(), RabbitMqUnavailableException.class, () -> {
            for (Map.Entry<String, Map<String, Reading>> vhost : byVhost.entrySet()) {
                measureVhost(vhost.getKey(), vhost.getValue(), deadline);
            }
            return null;
        });
        Map<Metric, Reading> readings = new HashMap<>();
        for (Metric metric : batch) {
            QueueMetric queue = (QueueMetric) metric;
            Reading reading = byVhost.get(queue.vhost()).get(queue.queueName());
            failures.record(queue.describe(), reading);
            readings.put(metric, reading);
        }
        return readings;
    }

    private void measureVhost(String vhost, Map<String, Reading> queues, Deadline deadline)
            throws RabbitMqUnavailableException {
        Connection connection = connection(vhost, deadline);
        Channel channel = null;
        try {
            for (String queue : queues.keySet()) {
                if (channel == null || !channel.isOpen()) {
                    channel = connection.createChannel();
                }
                try {
                    AMQP.Queue.DeclareOk declared = channel.queueDeclarePassive(queue);
                    queues.put(queue, Reading.of(declared.getMessageCount()));
                } catch (IOException e) {
                    if (!(e.getCause() instanceof ShutdownSignalException signal) || signal.isHardError()) {
                        throw e;
                    }
                    // A channel-level error (404 NOT_FOUND) closes only the channel: the next queue gets a new one.
                    metrics.count("binding_errors_total", 1);
                    queues.put(queue, Reading.failure("queue '" + queue + "' does not exist"
                            + ("/".equals(vhost) ? "" : " in vhost '" + vhost + "'") + " on RabbitMQ at "
                            + endpoint.describe() + "; declare it or fix queueName and vhostName"));
                }
            }
        } catch (IOException | RuntimeException e) {
            drop(vhost);
            throw new RabbitMqUnavailableException("RabbitMQ at " + endpoint.describe() + " failed while measuring: "
                    + endpoint.redact(String.valueOf(e.getMessage())));
        } finally {
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException | TimeoutException | RuntimeException ignored) {
                    // the connection is dropped on the next failure anyway
                }
            }
        }
    }

    private Connection connection(String vhost, Deadline deadline) throws RabbitMqUnavailableException {
        if (closed) {
            throw new RabbitMqUnavailableException("the request to RabbitMQ at " + endpoint.describe()
                    + " was cancelled: the source is closing");
        }
        Connection existing = connections.get(vhost);
        if (existing != null && existing.isOpen()) {
            return existing;
        }
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.remainingMillis()));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(endpoint.url().getHost());
        boolean tls = endpoint.url().getScheme().equals("amqps");
        factory.setPort(endpoint.url().getPort() > 0 ? endpoint.url().getPort() : tls ? 5671 : 5672);
        factory.setUsername(endpoint.username());
        factory.setPassword(endpoint.password());
        factory.setVirtualHost(vhost);
        factory.setConnectionTimeout(timeout);
        factory.setHandshakeTimeout(timeout);
        factory.setChannelRpcTimeout(timeout);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        try {
            if (tls) {
                factory.useSslProtocol(endpoint.tls() != null ? endpoint.tls() : javax.net.ssl.SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
            Connection connection = factory.newConnection("scalerhost");
            connections.put(vhost, connection);
            return connection;
        } catch (com.rabbitmq.client.AuthenticationFailureException e) {
            throw new RabbitMqUnavailableException("RabbitMQ at " + endpoint.describe() + " refused the credentials"
                    + " of user '" + endpoint.username() + "'; check username and password");
        } catch (IOException | TimeoutException | java.security.GeneralSecurityException | RuntimeException e) {
            String detail = e.getMessage() != null ? e.getMessage()
                    : e.getCause() != null ? String.valueOf(e.getCause().getMessage()) : e.getClass().getSimpleName();
            throw new RabbitMqUnavailableException("RabbitMQ at " + endpoint.describe() + " is unreachable"
                    + ("/".equals(vhost) ? "" : " (vhost '" + vhost + "')") + ": " + endpoint.redact(detail));
        }
    }

    private void drop(String vhost) {
        Connection connection = connections.remove(vhost);
        if (connection != null) {
            connection.abort(1000);
        }
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    @Override
    public void close() {
        closed = true;
        connections.keySet().forEach(this::drop);
    }
}
