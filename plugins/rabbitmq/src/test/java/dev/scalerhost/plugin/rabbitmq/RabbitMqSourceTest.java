package dev.scalerhost.plugin.rabbitmq;

import static dev.scalerhost.plugin.testkit.Measure.failure;
import static dev.scalerhost.plugin.testkit.Measure.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.plugin.testkit.LoadedConfig;
import dev.scalerhost.plugin.testkit.Measure;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.RabbitMqServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: rabbitmq} against a real broker: management API and AMQP, KEDA's keys and meanings. */
class RabbitMqSourceTest {

    private static RabbitMqServer rabbit;
    private static Connection consumer;

    /**
     * vhost {@code /}: {@code rmq.orders} 5 messages; {@code rmq.emails} 3, one of them delivered and
     * unacknowledged; {@code rmq.tenant-a} 3, {@code rmq.tenant-b} 7. vhost {@code rmq-other}:
     * {@code rmq.orders} 4.
     */
    @BeforeAll
    static void seed() throws Exception {
        rabbit = SharedRabbitMq.server();
        rabbit.declareVhost("rmq-other");
        for (String queue : List.of("rmq.orders", "rmq.emails", "rmq.tenant-a", "rmq.tenant-b")) {
            rabbit.declareQueue("/", queue);
        }
        rabbit.declareQueue("rmq-other", "rmq.orders");
        rabbit.publish("/", "rmq.orders", 5);
        rabbit.publish("/", "rmq.emails", 3);
        rabbit.publish("/", "rmq.tenant-a", 3);
        rabbit.publish("/", "rmq.tenant-b", 7);
        rabbit.publish("rmq-other", "rmq.orders", 4);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(rabbit.amqpPort());
        consumer = factory.newConnection();
        Channel channel = consumer.createChannel();
        channel.basicQos(1);
        channel.basicConsume("rmq.emails", false, new DefaultConsumer(channel));
        rabbit.awaitMessages("/", "rmq.orders", 5);
        rabbit.awaitMessages("/", "rmq.tenant-b", 7);
        rabbit.awaitMessages("rmq-other", "rmq.orders", 4);
        awaitUnacknowledged("rmq.emails", 1);
    }

    @AfterAll
    static void closeConsumer() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
    }

    private static void awaitUnacknowledged(String queue, int count) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() - until < 0) {
            last = rabbit.api("GET", "/api/queues/%2F/" + queue + "?columns=messages_unacknowledged", null);
            if (last.equals("{\"messages_unacknowledged\":" + count + "}")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(queue + " did not report " + count + " unacknowledged messages: " + last);
    }

    private static String managementConfig() {
        return """
                sources:
                  rabbit:
                    type: rabbitmq
                    url: %s
                    username: guest
                    password: "${RABBIT_PASSWORD}"
                serviceTypes:
                  orders:        {source: rabbit, queueName: rmq.orders, mode: QueueLength, value: 2, activationValue: 1}
                  emails:        {source: rabbit, queueName: rmq.emails, value: 2}
                  emails-ready:  {source: rabbit, queueName: rmq.emails, excludeUnacknowledged: true, value: 2}
                  tenants-sum:   {source: rabbit, queueName: '^rmq\\.tenant-', useRegex: true, value: 2}
                  tenants-max:   {source: rabbit, queueName: '^rmq\\.tenant-', useRegex: true, operation: max, value: 2}
                  tenants-avg:   {source: rabbit, queueName: '^rmq\\.tenant-', useRegex: true, operation: avg, value: 2}
                  other-orders:  {source: rabbit, queueName: rmq.orders, vhostName: rmq-other, value: 2}
                  orders-rate:   {source: rabbit, queueName: rmq.orders, mode: MessageRate, value: 10}
                """.formatted(rabbit.managementUrl());
    }

    @Test
    void measuresEveryQueueOfTheSourceExactlyInOneManagementRequest(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, managementConfig(), Map.of("RABBIT_PASSWORD", "guest"))) {
            assertThat(config.problems()).isEmpty();
            assertThat(config.config().serviceTypes().get("orders").target()).isEqualTo(2);
            assertThat(config.config().serviceTypes().get("orders").activation()).isEqualTo(1);

            long before = rabbit.accessCount("GET /api/queues");
            Map<String, Reading> readings = Measure.all(config, "rabbit");
            assertThat(rabbit.accessCount("GET /api/queues") - before).as("one request for eight serviceTypes")
                    .isEqualTo(1);

            assertThat(value(readings.get("orders"))).isEqualTo(5);
            assertThat(value(readings.get("emails"))).as("ready and unacknowledged, as KEDA").isEqualTo(3);
            assertThat(value(readings.get("emails-ready"))).isEqualTo(2);
            assertThat(value(readings.get("tenants-sum"))).isEqualTo(10);
            assertThat(value(readings.get("tenants-max"))).isEqualTo(7);
            assertThat(value(readings.get("tenants-avg"))).isEqualTo(5);
            assertThat(value(readings.get("other-orders"))).isEqualTo(4);
            Reading.Value rate = (Reading.Value) readings.get("orders-rate");
            assertThat(rate.value()).as("the publish rate; nothing is being published now").isGreaterThanOrEqualTo(0);
            assertThat(rate.activationValue()).as("active while messages wait, as KEDA's MessageRate")
                    .isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void requestsPerRefreshDoNotGrowWithTheNumberOfBindings(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, managementConfig(), Map.of("RABBIT_PASSWORD", "guest"))) {
            var source = config.source("rabbit");
            List<Metric> one = List.of(config.metric("orders"));
            List<Metric> five = List.of(config.metric("orders"), config.metric("emails"), config.metric("emails-ready"),
                    config.metric("tenants-sum"), config.metric("tenants-avg"));
            long before = rabbit.accessCount("GET /api/queues");
            Measure.batch(source, one);
            long forOne = rabbit.accessCount("GET /api/queues") - before;
            before = rabbit.accessCount("GET /api/queues");
            Measure.batch(source, five);
            assertThat(rabbit.accessCount("GET /api/queues") - before).isEqualTo(forOne).isEqualTo(1);
        }
    }

    @Test
    void reportsThePublishRateWhileMessagesArrive(@TempDir Path dir) throws Exception {
        rabbit.declareQueue("/", "rmq.rate");
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  rabbit: {type: rabbitmq, url: "%s", username: guest, password: guest}
                serviceTypes:
                  rate: {source: rabbit, queueName: rmq.rate, mode: MessageRate, value: 10}
                """.formatted(rabbit.managementUrl()))) {
            Metric rate = config.metric("rate");
            double seen = 0;
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen == 0 && System.nanoTime() - until < 0) {
                rabbit.publish("/", "rmq.rate", 5);
                Reading reading = Measure.batch(config.source("rabbit"), List.of(rate)).get(rate);
                if (reading instanceof Reading.Failure notYet) {
                    assertThat(notYet.message()).as("only until the new queue's statistics are collected")
                            .contains("has no message count for queue 'rmq.rate' yet");
                } else {
                    seen = value(reading);
                }
            }
            assertThat(seen).as("message_stats.publish_details.rate while publishing").isPositive();
        }
    }

    @Test
    void aMissingQueueVhostOrMatchFailsWithItsName(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  rabbit: {type: rabbitmq, url: "%1$s", username: guest, password: guest}
                  vhost:  {type: rabbitmq, url: "%1$s", username: guest, password: guest}
                serviceTypes:
                  missing:    {source: rabbit, queueName: rmq.never, value: 1}
                  no-match:   {source: rabbit, queueName: '^rmq\\.nobody-', useRegex: true, value: 1}
                  orders:     {source: rabbit, queueName: rmq.orders, value: 1}
                  bad-vhost:  {source: vhost, queueName: rmq.orders, vhostName: rmq-never, value: 1}
                """.formatted(rabbit.managementUrl()))) {
            Map<String, Reading> readings = Measure.all(config, "rabbit");
            assertThat(failure(readings.get("missing"))).isEqualTo("queue 'rmq.never' does not exist on RabbitMQ at "
                    + rabbit.managementUrl() + "; declare it or fix queueName and vhostName");
            assertThat(failure(readings.get("no-match"))).startsWith("no queue matches '^rmq\\.nobody-' on RabbitMQ at");
            assertThat(value(readings.get("orders"))).isEqualTo(5);
            assertThatThrownBy(() -> Measure.all(config, "vhost")).isInstanceOf(RabbitMqUnavailableException.class)
                    .hasMessage("vhost 'rmq-never' does not exist on RabbitMQ at " + rabbit.managementUrl()
                            + "; fix vhostName");
        }
    }

    @Test
    void wrongCredentialsAndAnUnreachableBrokerAreReportedWithoutThePassword(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  wrong: {type: rabbitmq, url: "%s", username: guest, password: "${PASSWORD}"}
                  gone:  {type: rabbitmq, url: "http://127.0.0.1:1", username: guest, password: "${PASSWORD}"}
                serviceTypes:
                  wrong-orders: {source: wrong, queueName: rmq.orders, value: 1}
                  gone-orders:  {source: gone, queueName: rmq.orders, value: 1}
                """.formatted(rabbit.managementUrl()), Map.of("PASSWORD", "not-the-password-9"))) {
            assertThatThrownBy(() -> Measure.all(config, "wrong")).isInstanceOf(RabbitMqUnavailableException.class)
                    .hasMessageStartingWith("the RabbitMQ management API at " + rabbit.managementUrl()
                            + " refused the credentials of user 'guest' (HTTP 401)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password-9"));
            assertThatThrownBy(() -> Measure.all(config, "gone")).isInstanceOf(RabbitMqUnavailableException.class)
                    .hasMessageStartingWith("the RabbitMQ management API at http://127.0.0.1:1 is unreachable");
        }
    }

    @Test
    void readsQueueLengthOverAmqpWhereTheManagementApiIsAbsent(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  amqp: {type: rabbitmq, url: "amqp://127.0.0.1:%d", username: guest, password: guest}
                serviceTypes:
                  orders:       {source: amqp, queueName: rmq.orders, value: 1}
                  emails:       {source: amqp, queueName: rmq.emails, value: 1}
                  missing:      {source: amqp, queueName: rmq.never, value: 1}
                  other-orders: {source: amqp, queueName: rmq.orders, vhostName: rmq-other, value: 1}
                """.formatted(rabbit.amqpPort()))) {
            assertThat(config.problems()).isEmpty();
            Map<String, Reading> readings = Measure.all(config, "amqp");
            assertThat(value(readings.get("orders"))).isEqualTo(5);
            assertThat(value(readings.get("emails"))).as("AMQP counts ready messages only, as KEDA").isEqualTo(2);
            assertThat(failure(readings.get("missing"))).isEqualTo("queue 'rmq.never' does not exist on RabbitMQ at amqp://127.0.0.1:"
                    + rabbit.amqpPort() + "; declare it or fix queueName and vhostName");
            assertThat(value(readings.get("other-orders"))).isEqualTo(4);
        }
    }

    @Test
    void keysThatNeedTheManagementApiAreRefusedOverAmqp(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  amqp: {type: rabbitmq, url: "amqp://127.0.0.1:5672", username: guest, password: guest}
                  http: {type: rabbitmq, url: "http://guest:guest@127.0.0.1:15672", username: guest, password: guest}
                serviceTypes:
                  rate:    {source: amqp, queueName: q, mode: MessageRate, value: 1}
                  regex:   {source: amqp, queueName: q, useRegex: true, value: 1}
                  op:      {source: amqp, queueName: q, operation: max, value: 1}
                  bad:     {source: amqp, queueName: '(', value: 1, mode: Sometimes}
                """)) {
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("serviceTypes.rate.mode")
                    .contains("MessageRate needs the management API"));
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("serviceTypes.regex.useRegex"));
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("serviceTypes.op.operation")
                    .contains("only with useRegex"));
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("serviceTypes.bad.mode"));
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("sources.http.url")
                    .contains("must not contain credentials").doesNotContain("guest:guest"));
        }
    }
}
