package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.GrpcAssertions.statusOf;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.Status;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KEDA's own spellings of target and activation ({@code threshold}, {@code targetQueryValue}, ...) in a
 * ScaledObject's trigger metadata count exactly where {@code target} and {@code activation} do, and an
 * override the serviceType does not allow is reported per ScaledObject rather than ignored without a word.
 */
class TriggerMetadataAliasTest {

    private static final Timing TIMING = timing(100, 1000, 10_000);
    private static final Map<String, String> PROMETHEUS = Map.of("threshold", "target", "activationThreshold", "activation");
    private static final Map<String, String> POSTGRES =
            Map.of("targetQueryValue", "target", "activationTargetQueryValue", "activation");

    private final MutableClock clock = new MutableClock();
    private final FakeSource source = new FakeSource();
    private ScalerHarness harness;

    @BeforeEach
    void start() throws Exception {
        source.set("queue-depth", 4).set("fixed", 4).set("work-queue", 4);
        harness = ScalerHarness.with(clock).source("prom", source)
                .bind(serviceType("queue-depth", "prom", 2, 5, TIMING, Set.of("target", "activation")), PROMETHEUS)
                .bind(serviceType("fixed", "prom", 2, 5, TIMING, Set.of()), PROMETHEUS)
                .bind(serviceType("work-queue", "prom", 2, 5, TIMING, Set.of("target")), POSTGRES)
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void kedaSpellingsOverrideWhereTheBindingAllowsOverrides() {
        assertThat(harness.blocking().getMetricSpec(ref("queue-depth", "threshold", "7")).getMetricSpecs(0)
                .getTargetSizeFloat()).isEqualTo(7);
        assertThat(harness.blocking().isActive(ref("queue-depth", "activationThreshold", "3")).getResult())
                .as("4 > 3").isTrue();
        assertThat(harness.blocking().getMetricSpec(ref("work-queue", "targetQueryValue", "12.5")).getMetricSpecs(0)
                .getTargetSizeFloat()).isEqualTo(12.5);
        assertThat(harness.blocking().getMetricSpec(ref("queue-depth", "targetQueryValue", "9")).getMetricSpecs(0)
                .getTargetSizeFloat()).as("another plugin's spelling is just an unknown key").isEqualTo(2);
        assertThat(harness.service.ignoredMetadata()).isEmpty();
    }

    @Test
    void twoSpellingsOfOneKeyAreRefused() {
        Status both = statusOf(() -> harness.blocking().getMetricSpec(ref("queue-depth", "target", "3", "threshold", "7")));
        assertThat(both.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(both.getDescription()).contains("'target'", "'threshold'", "give only one");

        Status bad = statusOf(() -> harness.blocking().getMetricSpec(ref("queue-depth", "threshold", "0")));
        assertThat(bad.getDescription()).isEqualTo("trigger metadata threshold of serviceType 'queue-depth' must be "
                + "greater than 0, got '0'");
    }

    @Test
    void overridesTheBindingDoesNotAllowAreIgnoredAndListedOncePerScaledObject() {
        assertThat(harness.blocking().getMetricSpec(ref("fixed", "threshold", "7")).getMetricSpecs(0)
                .getTargetSizeFloat()).isEqualTo(2);
        harness.blocking().getMetricSpec(ref("fixed", "threshold", "7"));
        harness.blocking().getMetricSpec(named("other", ref("fixed", "threshold", "7", "activationThreshold", "1")));
        assertThat(harness.blocking().isActive(named("other", ref("fixed", "activationThreshold", "1"))).getResult())
                .as("4 > the configured 5").isFalse();
        harness.blocking().getMetricSpec(ref("work-queue", "activationTargetQueryValue", "1"));

        assertThat(harness.service.ignoredMetadata()).extracting(IgnoredMetadataStatus::scaledObject,
                IgnoredMetadataStatus::serviceType, IgnoredMetadataStatus::keys).containsExactly(
                org.assertj.core.groups.Tuple.tuple("default/other", "fixed", java.util.List.of("activationThreshold")),
                org.assertj.core.groups.Tuple.tuple("default/worker", "fixed", java.util.List.of("threshold")),
                org.assertj.core.groups.Tuple.tuple("default/worker", "work-queue",
                        java.util.List.of("activationTargetQueryValue")));
        assertThat(harness.service.ignoredMetadata().get(1).message()).isEqualTo("ScaledObject default/worker: "
                + "trigger metadata threshold=7 is ignored: serviceType 'fixed' does not allow ScaledObjects to override "
                + "its target (add target to the binding's metadataOverrides to allow it); the configured target 2 applies");

        harness.blocking().getMetricSpec(ref("fixed"));
        assertThat(harness.service.ignoredMetadata()).extracting(IgnoredMetadataStatus::scaledObject)
                .as("a ScaledObject that stopped sending it is no longer listed")
                .containsExactly("default/other", "default/worker");
    }

    private static ScaledObjectRef named(String name, ScaledObjectRef ref) {
        return ref.toBuilder().setName(name).build();
    }
}
