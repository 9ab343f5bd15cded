package dev.scalerhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.status.CompositeStatus;
import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.host.status.ReloadStatus;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The whole {@code /status} document, field by field and in order, byte for byte as it was when an
 * {@code ObjectMapper} bound it from records: names, nulls for unknown values (NaN and infinities
 * included), ISO-8601 instants, {@code composite} and {@code config} only where there is one.
 */
class StatusJsonTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T02:00:00Z"), ZoneOffset.UTC);

    @Test
    void rendersEveryFieldInItsPlace() throws Exception {
        FakeStatus view = new FakeStatus() {
            @Override
            public Optional<ReloadStatus> reload() {
                return Optional.of(new ReloadStatus("/etc/x.yaml", Instant.parse("2026-12-05T01:00:00Z"), 3, null,
                        "bad yaml", List.of("server.grpc.port"), "w"));
            }

            @Override
            public List<IgnoredMetadataStatus> ignoredMetadata() {
                return List.of(new IgnoredMetadataStatus("ns/so", "a", List.of("threshold"), "ignored",
                        Instant.parse("2026-12-05T01:30:00Z")));
            }
        };
        view.serviceTypes.addAll(List.of(
                new ServiceTypeStatus("a", "s1", "m", 10, 0.5, 3.25, Instant.parse("2026-12-05T01:59:58.5Z"),
                        true, null, null, Map.of("y", Double.NaN)),
                new ServiceTypeStatus("b", "s2", null, 5, 0, Double.POSITIVE_INFINITY, null, false, "boom",
                        Instant.parse("2026-12-05T01:00:00Z"), Map.of("x", 1.0)),
                new ServiceTypeStatus("c", null, null, 1e12, 0, 7.0, Instant.parse("2026-12-05T02:00:01Z"),
                        true, null, null, null, new CompositeStatus("max", List.of(
                                new CompositeStatus.Part("a", 2, 3.25, 6.5, true),
                                new CompositeStatus.Part("b", 0.1, null, null, false))))));
        view.sources.addAll(List.of(
                new SourceStatus("s1", "prometheus", "q at http://x", Instant.parse("2026-12-05T01:59:58Z"), null),
                new SourceStatus("s2", "kafka-lag", "k", null, "down")));
        view.plugins.addAll(List.of(new PluginStatus("kafka-lag", List.of("kafka-lag"), null),
                new PluginStatus("bad", List.of(), "broken")));

        String json = new String(JsonTrees.indented(
                new StatusJson(CLOCK).render(view, new ReadinessReport(List.of("r1")))), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("""
                {
                  "ready" : false,
                  "notReadyBecause" : [ "r1" ],
                  "serviceTypes" : {
                    "a" : {
                      "source" : "s1",
                      "metric" : "m",
                      "value" : 3.25,
                      "measuredAt" : "2026-12-05T01:59:58.500Z",
                      "ageSeconds" : 1.5,
                      "active" : true,
                      "target" : 10.0,
                      "activation" : 0.5,
                      "lastError" : null,
                      "lastErrorAt" : null,
                      "details" : {
                        "y" : null
                      }
                    },
                    "b" : {
                      "source" : "s2",
                      "metric" : null,
                      "value" : null,
                      "measuredAt" : null,
                      "ageSeconds" : null,
                      "active" : false,
                      "target" : 5.0,
                      "activation" : 0.0,
                      "lastError" : "boom",
                      "lastErrorAt" : "2026-12-05T01:00:00Z",
                      "details" : {
                        "x" : 1.0
                      }
                    },
                    "c" : {
                      "source" : null,
                      "metric" : null,
                      "value" : 7.0,
                      "measuredAt" : "2026-12-05T02:00:01Z",
                      "ageSeconds" : 0.0,
                      "active" : true,
                      "target" : 1.0E12,
                      "activation" : 0.0,
                      "lastError" : null,
                      "lastErrorAt" : null,
                      "details" : { },
                      "composite" : {
                        "operator" : "max",
                        "parts" : {
                          "a" : {
                            "weight" : 2.0,
                            "value" : 3.25,
                            "weightedValue" : 6.5,
                            "usable" : true
                          },
                          "b" : {
                            "weight" : 0.1,
                            "value" : null,
                            "weightedValue" : null,
                            "usable" : false
                          }
                        }
                      }
                    }
                  },
                  "sources" : {
                    "s1" : {
                      "type" : "prometheus",
                      "description" : "q at http://x",
                      "lastSuccess" : "2026-12-05T01:59:58Z",
                      "lastError" : null
                    },
                    "s2" : {
                      "type" : "kafka-lag",
                      "description" : "k",
                      "lastSuccess" : null,
                      "lastError" : "down"
                    }
                  },
                  "plugins" : [ {
                    "directory" : "kafka-lag",
                    "types" : [ "kafka-lag" ],
                    "error" : null
                  }, {
                    "directory" : "bad",
                    "types" : [ ],
                    "error" : "broken"
                  } ],
                  "config" : {
                    "file" : "/etc/x.yaml",
                    "loadedAt" : "2026-12-05T01:00:00Z",
                    "reloads" : 3,
                    "lastReloadAttemptAt" : null,
                    "lastReloadError" : "bad yaml",
                    "reloadWarning" : "w",
                    "pendingRestart" : [ "server.grpc.port" ]
                  },
                  "ignoredTriggerMetadata" : [ {
                    "scaledObject" : "ns/so",
                    "serviceType" : "a",
                    "keys" : [ "threshold" ],
                    "message" : "ignored",
                    "since" : "2026-12-05T01:30:00Z"
                  } ]
                }""");
    }

    @Test
    void leavesOutTheConfigWhereNothingWatchesAFile() throws Exception {
        FakeStatus empty = new FakeStatus();

        assertThat(new String(JsonTrees.plain(new StatusJson(CLOCK).render(empty, new ReadinessReport(List.of()))), StandardCharsets.UTF_8))
                .isEqualTo("{\"ready\":true,\"notReadyBecause\":[],\"serviceTypes\":{},\"sources\":{},\"plugins\":[],"
                        + "\"ignoredTriggerMetadata\":[]}");
    }
}
