package dev.scalerhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks text against the Prometheus exposition format 0.0.4, line by line. */
public final class PrometheusFormat {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\"\\\\n])*\"";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (?:[^\\\\\\n]|\\\\[\\\\n])*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{" + LABEL + "(?:," + LABEL + ")*})? "
                    + "(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|NaN|[+-]Inf)");

    private PrometheusFormat() {
    }

    /**
     * Asserts that every line is a HELP or TYPE line or a sample, that each family is declared once and
     * before its samples, and returns every sample's value by its name and labels.
     */
    public static Map<String, String> parse(String text) {
        assertThat(text).endsWith("\n");
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> closed = new HashSet<>();
        Map<String, String> samples = new LinkedHashMap<>();
        String current = null;
        for (String line : text.split("\n")) {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (help.matches()) {
                assertThat(helped.add(help.group(1))).as("second # HELP line for %s", help.group(1)).isTrue();
                assertThat(types).as("# HELP after # TYPE for %s", help.group(1)).doesNotContainKey(help.group(1));
            } else if (type.matches()) {
                String family = type.group(1);
                assertThat(types).as("second # TYPE line for %s", family).doesNotContainKey(family);
                types.put(family, type.group(2));
                if (current != null) {
                    closed.add(current);
                }
                current = family;
            } else if (sample.matches()) {
                String family = familyOf(sample.group(1), types);
                assertThat(family).as("sample before its # TYPE line: %s", line).isEqualTo(current);
                assertThat(closed).as("family %s continued after another one", family).doesNotContain(family);
                String key = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
                assertThat(samples).as("duplicate sample %s", key).doesNotContainKey(key);
                samples.put(key, sample.group(3));
            } else {
                fail("not a line of the Prometheus text format: '%s'", line);
            }
        }
        return samples;
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : new String[] {"_sum", "_count", "_bucket"}) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(family);
                if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
                    return family;
                }
            }
        }
        return null;
    }
}
