package dev.scalerhost.host.plugin;

/** Sources of misbehaving and probing test plugins, compiled by {@link TestJars}. */
final class TestPluginSources {

    private TestPluginSources() {
    }

    /**
     * Provider {@code com.acme.Unruly} of type {@code unruly}. Its source fails in the operation named
     * by the source setting {@code failIn} ({@code open}, {@code prepare}, {@code measure},
     * {@code describe}, {@code close}) the way named by {@code failure}: {@code runtime},
     * {@code checked}, {@code noclassdef}, {@code stackoverflow} or {@code null} (return null).
     * Each metric measures as ten times the serviceType setting {@code id}.
     */
    static final String UNRULY = """
            package com.acme;

            import dev.scalerhost.spi.*;
            import java.util.*;

            public class Unruly implements MetricSourceProvider {
                @Override public String type() { return "unruly"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) throws Exception {
                    String failIn = settings.string("failIn", "nothing");
                    String failure = settings.string("failure", "runtime");
                    if (failIn.equals("open")) {
                        return fail(failure, null);
                    }
                    return new Source(failIn, failure);
                }

                static <T> T fail(String failure, T nullResult) throws Exception {
                    switch (failure) {
                        case "checked": throw new java.io.IOException("backend unreachable");
                        case "noclassdef": throw new NoClassDefFoundError("com/acme/Gone");
                        case "stackoverflow": return recurse(0) > 0 ? nullResult : null;
                        case "null": return nullResult;
                        default: throw new IllegalStateException("plugin bug");
                    }
                }

                private static int recurse(int depth) {
                    return recurse(depth + 1) + 1;
                }

                record Constant(int id) implements Metric {
                    @Override public String describe() { return "metric " + id; }
                }

                static final class Source implements MetricSource {
                    private final String failIn;
                    private final String failure;

                    Source(String failIn, String failure) {
                        this.failIn = failIn;
                        this.failure = failure;
                    }

                    @Override public Metric prepare(Settings params) {
                        if (failIn.equals("prepare")) {
                            throw new NullPointerException("params.get(\\"topic\\") is null");
                        }
                        return new Constant(params.integer("id", 0, 0, 100));
                    }

                    @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline)
                            throws Exception {
                        if (failIn.equals("measure")) {
                            return fail(failure, null);
                        }
                        Map<Metric, Reading> readings = new HashMap<>();
                        for (Metric metric : metrics) {
                            readings.put(metric, Reading.of(((Constant) metric).id() * 10));
                        }
                        return readings;
                    }

                    @Override public String describe() {
                        if (failIn.equals("describe")) {
                            throw new IllegalStateException("describe bug");
                        }
                        return "unruly";
                    }

                    @Override public void close() throws Exception {
                        if (failIn.equals("close")) {
                            fail(failure, null);
                        }
                    }
                }
            }
            """;

    /**
     * Provider {@code com.acme.Strict} of type {@code strict}: its constructor and every method throw
     * unless the thread context class loader is the plugin's own; {@code measure} gives 1.
     */
    static final String STRICT = """
            package com.acme;

            import dev.scalerhost.spi.*;
            import java.util.*;

            public class Strict implements MetricSourceProvider {
                static void check(String operation) {
                    ClassLoader context = Thread.currentThread().getContextClassLoader();
                    if (context != Strict.class.getClassLoader()) {
                        throw new IllegalStateException("context class loader in " + operation + " was " + context);
                    }
                }

                public Strict() { check("constructor"); }
                @Override public String type() { check("type"); return "strict"; }
                @Override public int spiVersion() { check("spiVersion"); return SpiVersion.CURRENT; }
                @Override public Map<String, String> bindingKeyAliases() {
                    check("bindingKeyAliases");
                    return Map.of("threshold", "target", "activationThreshold", "activation");
                }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    check("open");
                    return new MetricSource() {
                        @Override public Metric prepare(Settings params) {
                            check("prepare");
                            return () -> { check("Metric.describe"); return "strict metric"; };
                        }
                        @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) {
                            check("measure");
                            Map<Metric, Reading> readings = new HashMap<>();
                            metrics.forEach(metric -> readings.put(metric, Reading.of(1)));
                            return readings;
                        }
                        @Override public String describe() { check("describe"); return "strict source"; }
                        @Override public void close() { check("close"); }
                    };
                }
            }
            """;

    /**
     * Provider {@code com.acme.Probe} of type {@code probe}: its source's {@code describe()} tells,
     * for each class named in the source setting {@code classes} (comma separated), whether the
     * plugin sees it ({@code name=own}, {@code name=shared} or {@code name=hidden}), after logging
     * through SLF4J.
     */
    static final String PROBE = """
            package com.acme;

            import dev.scalerhost.spi.*;
            import java.util.*;

            public class Probe implements MetricSourceProvider {
                @Override public String type() { return "probe"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    List<String> classes = List.of(settings.string("classes").split(","));
                    org.slf4j.LoggerFactory.getLogger(context.loggerName()).info("probing {}", classes);
                    return new MetricSource() {
                        @Override public Metric prepare(Settings params) { return () -> "probe"; }
                        @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) {
                            return Map.of();
                        }
                        @Override public String describe() {
                            StringJoiner seen = new StringJoiner(",");
                            for (String name : classes) {
                                seen.add(name + "=" + visibility(name));
                            }
                            return seen.toString();
                        }
                        @Override public void close() { }
                    };
                }

                static String visibility(String name) {
                    try {
                        Class<?> found = Class.forName(name, false, Probe.class.getClassLoader());
                        return found.getClassLoader() == Probe.class.getClassLoader() ? "own" : "shared";
                    } catch (ClassNotFoundException e) {
                        return "hidden";
                    }
                }
            }
            """;

    /** A stand-in for Jackson's {@code ObjectMapper} that a plugin bundles, with a behaviour of its own. */
    static final String FAKE_OBJECT_MAPPER = """
            package com.fasterxml.jackson.databind;

            public class ObjectMapper {
                public String writeValueAsString(Object value) {
                    return "plugin's own ObjectMapper wrote " + value;
                }
            }
            """;

    /**
     * Provider {@code com.acme.JsonPlugin} of type {@code json}, compiled against
     * {@link #FAKE_OBJECT_MAPPER}: its source describes itself with what its ObjectMapper writes and
     * which loader defined that ObjectMapper.
     */
    static final String JSON_PLUGIN = """
            package com.acme;

            import com.fasterxml.jackson.databind.ObjectMapper;
            import dev.scalerhost.spi.*;
            import java.util.*;

            public class JsonPlugin implements MetricSourceProvider {
                @Override public String type() { return "json"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    return new MetricSource() {
                        @Override public Metric prepare(Settings params) { return () -> "json"; }
                        @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) {
                            return Map.of();
                        }
                        @Override public String describe() {
                            return new ObjectMapper().writeValueAsString(42) + " from "
                                    + ObjectMapper.class.getClassLoader().getName();
                        }
                        @Override public void close() { }
                    };
                }
            }
            """;

    /** A provider of {@code type} built as if for SPI version {@code version}. */
    static String versioned(String className, String type, int version) {
        return TestJars.constantProvider(className, type, 1)
                .replace("return SpiVersion.CURRENT;", "return " + version + ";");
    }

    /** A provider whose public constructor throws. */
    static final String EXPLODING_CONSTRUCTOR = """
            package com.acme;

            import dev.scalerhost.spi.*;

            public class Exploding implements MetricSourceProvider {
                public Exploding() { throw new IllegalStateException("constructor exploded"); }
                @Override public String type() { return "exploding"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) { return null; }
            }
            """;

    /** A provider whose {@code type()} needs {@code com.acme.Helper}, a class the test leaves out of the jar. */
    static final String NEEDS_HELPER = """
            package com.acme;

            import dev.scalerhost.spi.*;

            public class NeedsHelper implements MetricSourceProvider {
                @Override public String type() { return Helper.TYPE_PREFIX + "helped"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) { return null; }
            }
            """;

    static final String HELPER = """
            package com.acme;

            public class Helper {
                // not final, so that the compiler does not inline it into NeedsHelper
                public static String TYPE_PREFIX = "x-";
            }
            """;
}
