package dev.scalerhost.plugin.rabbitmq;

import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Settings;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One binding: a queue (or, with {@code useRegex}, the queues whose names match) in a vhost, measured by
 * length or publish rate, KEDA's {@code rabbitmq} keys.
 *
 * @param pattern the compiled {@code queueName} when {@code useRegex}, else {@code null}
 */
record QueueMetric(String queueName, Pattern pattern, String vhost, Mode mode, boolean excludeUnacknowledged,
                   Operation operation) implements Metric {

    enum Mode { QUEUE_LENGTH, MESSAGE_RATE }

    enum Operation { SUM, MAX, AVG }

    /** Reads the binding's keys; {@code amqp} says the source has no management API. Problems go to {@code params}. */
    static QueueMetric read(Settings params, boolean amqp) {
        String queueName = params.string("queueName");
        String vhost = params.string("vhostName", "/");
        String modeName = params.oneOf("mode", "QueueLength", "QueueLength", "MessageRate");
        boolean excludeUnacknowledged = params.bool("excludeUnacknowledged", false);
        boolean useRegex = params.bool("useRegex", false);
        String operationName = params.oneOf("operation", "sum", "sum", "max", "avg");
        // KEDA pages through regex matches; one request here reads every queue, so the page size has no effect.
        params.integer("pageSize", 100, 1, Integer.MAX_VALUE);
        Mode mode = "MessageRate".equals(modeName) ? Mode.MESSAGE_RATE : Mode.QUEUE_LENGTH;
        if (queueName != null && queueName.isEmpty()) {
            params.problem("queueName", "must not be empty");
        }
        if (params.has("operation") && !useRegex) {
            params.problem("operation", "applies only with useRegex: true, which sums, maxes or averages the matching queues");
        }
        if (amqp) {
            if (mode == Mode.MESSAGE_RATE) {
                params.problem("mode", "MessageRate needs the management API (the source's url is amqp://); over AMQP"
                        + " only the queue length can be read");
            }
            if (useRegex) {
                params.problem("useRegex", "needs the management API (the source's url is amqp://), as in KEDA");
            }
            if (excludeUnacknowledged) {
                params.problem("excludeUnacknowledged", "needs the management API: over AMQP the queue length is"
                        + " already the ready messages only");
            }
        }
        Pattern pattern = null;
        if (useRegex && queueName != null) {
            try {
                pattern = Pattern.compile(queueName);
            } catch (PatternSyntaxException e) {
                params.problem("queueName", "is not a valid regular expression: " + e.getDescription());
            }
        }
        if (params.hasProblems()) {
            return null;
        }
        return new QueueMetric(queueName, pattern, vhost, mode, excludeUnacknowledged,
                Operation.valueOf(operationName.toUpperCase(Locale.ROOT)));
    }

    /** Whether {@code name} in {@code inVhost} is one of this binding's queues. */
    boolean matches(String name, String inVhost) {
        if (!vhost.equals(inVhost)) {
            return false;
        }
        return pattern != null ? pattern.matcher(name).find() : queueName.equals(name);
    }

    @Override
    public String describe() {
        String what = mode == Mode.MESSAGE_RATE ? "publish rate" : excludeUnacknowledged ? "ready messages" : "messages";
        String queues = pattern != null ? operation.name().toLowerCase(Locale.ROOT) + " over queues matching '"
                + queueName + "'" : "queue '" + queueName + "'";
        return what + " of " + queues + ("/".equals(vhost) ? "" : " in vhost '" + vhost + "'");
    }
}
