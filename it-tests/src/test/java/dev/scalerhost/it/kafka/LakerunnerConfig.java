package dev.scalerhost.it.kafka;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution's own {@code config/lakerunner.yaml}, changed only where a test must: the server
 * section points at free loopback ports and the distribution's plugins, and optional edits (shorter
 * timings, the work queue left out, extra serviceTypes) are applied to the text. Every edit checks
 * that the text it replaces is there, so a change to the shipped file fails the tests loudly
 * instead of silently testing something else.
 */
public final class LakerunnerConfig {

    private static final String SERVER_SECTION = """
            server:
              grpc: {port: 9090}
              http: {port: 8080}
            plugins: {directory: plugins}
            """;
    private static final Pattern SERVICE_TYPE = Pattern.compile(
            "(?m)^  ([a-z0-9-]+):\\n((?:    .*\\n)+)");

    /** One Kafka serviceType of the file. */
    public record KafkaBinding(String serviceType, String topic, String consumerGroup, double target) {
    }

    /** One work queue serviceType of the file. */
    public record QueueBinding(String serviceType, String key, double target) {
    }

    private final String text;

    private LakerunnerConfig(String text) {
        this.text = text;
    }

    /** The shipped file, with the server section of {@link ScalerhostProcess#serverSection()}. */
    public static LakerunnerConfig shipped(Distribution distribution) {
        Path file = distribution.config().resolve("lakerunner.yaml");
        String original;
        try {
            original = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new LakerunnerConfig(original).replaceOnce(SERVER_SECTION, ScalerhostProcess.serverSection());
    }

    public String text() {
        return text;
    }

    /** The Kafka serviceTypes, in file order. */
    public List<KafkaBinding> kafkaBindings() {
        List<KafkaBinding> bindings = new ArrayList<>();
        Matcher m = SERVICE_TYPE.matcher(section("kafka serviceTypes"));
        while (m.find()) {
            String body = m.group(2);
            bindings.add(new KafkaBinding(m.group(1), value(body, "topic"), value(body, "consumerGroup"),
                    Double.parseDouble(value(body, "target"))));
        }
        return bindings;
    }

    /** The work queue serviceTypes, in file order. */
    public List<QueueBinding> queueBindings() {
        List<QueueBinding> bindings = new ArrayList<>();
        Matcher m = SERVICE_TYPE.matcher(section("work queue serviceTypes"));
        while (m.find()) {
            String body = m.group(2);
            bindings.add(new QueueBinding(m.group(1), value(body, "key"), Double.parseDouble(value(body, "target"))));
        }
        return bindings;
    }

    /** Without the work queue source and its serviceTypes: Kafka alone. */
    public LakerunnerConfig withoutWorkQueue() {
        return replaceOnce(section("work queue sources"), "").replaceOnce(section("work queue serviceTypes"), "");
    }

    /** The kafka source's refreshInterval, timeout and maxStaleness replaced. */
    public LakerunnerConfig withKafkaTiming(Duration refreshInterval, Duration timeout, Duration maxStaleness) {
        String source = section("kafka sources");
        String changed = replaceKey(replaceKey(replaceKey(source, "refreshInterval", refreshInterval),
                "timeout", timeout), "maxStaleness", maxStaleness);
        return replaceOnce(source, changed);
    }

    /** Every Kafka serviceType's {@code activation: 0} replaced by KEDA's {@code activationLagThreshold}. */
    public LakerunnerConfig withKafkaActivationLagThreshold(long threshold) {
        String serviceTypes = section("kafka serviceTypes");
        String changed = serviceTypes.replace("    activation: 0\n", "    activationLagThreshold: " + threshold + "\n");
        if (changed.equals(serviceTypes)) {
            throw new IllegalStateException("no 'activation: 0' among the Kafka serviceTypes of lakerunner.yaml");
        }
        return replaceOnce(serviceTypes, changed);
    }

    /** Appends serviceTypes (YAML lines indented as entries under {@code serviceTypes:}) to the Kafka ones. */
    public LakerunnerConfig withExtraKafkaServiceTypes(String entries) {
        String end = "  # kafka serviceTypes: end\n";
        return replaceOnce(end, entries + end);
    }

    private String section(String name) {
        String begin = "  # " + name + ": begin\n";
        String end = "  # " + name + ": end\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("lakerunner.yaml has no '" + name + ": begin' ... 'end' markers");
        }
        return text.substring(from, to + end.length());
    }

    private LakerunnerConfig replaceOnce(String expected, String replacement) {
        int at = text.indexOf(expected);
        if (at < 0 || text.indexOf(expected, at + 1) >= 0) {
            throw new IllegalStateException("expected exactly one occurrence in lakerunner.yaml of:\n" + expected);
        }
        return new LakerunnerConfig(text.substring(0, at) + replacement + text.substring(at + expected.length()));
    }

    private static String replaceKey(String section, String key, Duration value) {
        Pattern line = Pattern.compile("(?m)^(    " + key + ": )\\S+");
        Matcher m = line.matcher(section);
        if (!m.find()) {
            throw new IllegalStateException("the kafka source of lakerunner.yaml has no '" + key + ":' line");
        }
        return m.replaceFirst("$1" + value.toMillis() + "ms");
    }

    private static String value(String body, String key) {
        Matcher m = Pattern.compile("(?m)^    " + key + ": (\\S+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("serviceType without '" + key + "' in lakerunner.yaml:\n" + body);
        }
        return Objects.requireNonNull(m.group(1));
    }
}
