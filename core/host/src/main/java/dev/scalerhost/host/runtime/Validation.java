package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.config.ConfigNode;
import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.MapNode;
import dev.scalerhost.host.config.ScalarNode;
import dev.scalerhost.host.config.Unresolved;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What validating a file without measuring ({@code check --validate-only}) found: the file was read
 * and substituted, its plugins loaded, every source opened (which, by the plugin API, touches no
 * backend) and every serviceType prepared by its plugin, then everything closed. Not checked: whether
 * the backends answer, credentials, topics, tables and queries against the real server.
 *
 * <p>Values the running host will have but this process does not (an unset variable without a
 * default, a {@code ${file:...}} or TLS file not mounted here) are stand-ins; what a plugin
 * reports about them, and the plugin keys of serviceTypes whose source could not be opened because of
 * them, are {@link #notes()}, not problems.
 *
 * @param sources      how many sources the file has
 * @param serviceTypes how many serviceTypes the file has
 * @param notes        what could not be checked here, one line each
 */
public record Validation(int sources, int serviceTypes, List<String> notes) {

    /** TLS files of the gRPC listener: mounted from a Secret at run time. */
    private static final Set<String> TLS_FILES = Set.of(
            "server.grpc.tls.certificate", "server.grpc.tls.privateKey", "server.grpc.tls.clientCa");

    public Validation {
        notes = List.copyOf(notes);
    }

    /**
     * The validation of {@code document}, whose loading reported {@code problems}.
     *
     * @throws ConfigException with the problems that are not explained by unresolved values
     */
    static Validation of(ConfigDocument document, Unresolved unresolved, List<ConfigProblem> problems)
            throws ConfigException {
        List<ConfigProblem> remaining = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> sourcesNotChecked = new TreeSet<>();
        unresolved.all().forEach((path, reason) -> notes.add(path + ": not checked, " + reason
                + " (the running host needs it)"));
        for (ConfigProblem problem : problems) {
            String reason = unresolved.reasonAt(problem.path());
            if (reason != null) {
                notes.add(problem.path() + ": not checked, " + reason + "; with a stand-in value the plugin said: "
                        + problem.message());
                sourceOf(problem.path()).ifPresent(sourcesNotChecked::add);
            } else if (TLS_FILES.contains(problem.path()) && problem.message().contains("does not exist")) {
                notes.add(problem.path() + ": not checked, the file does not exist here (mounted at run time)");
            } else {
                remaining.add(problem);
            }
        }
        if (!remaining.isEmpty()) {
            throw new ConfigException(document.file().toString(), remaining);
        }
        Map<String, String> sourceOfServiceType = sourceOfServiceType(document.root());
        for (String source : sourcesNotChecked) {
            List<String> bound = sourceOfServiceType.entrySet().stream()
                    .filter(e -> e.getValue().equals(source)).map(Map.Entry::getKey).toList();
            if (!bound.isEmpty()) {
                notes.add("serviceTypes " + String.join(", ", bound) + ": plugin parameters may be unchecked, "
                        + "because source " + source + " could not be opened without its unresolved values");
            }
        }
        return new Validation(count(document.root(), "sources"), sourceOfServiceType.size(), notes);
    }

    private static java.util.Optional<String> sourceOf(String path) {
        if (!path.startsWith("sources.")) {
            return java.util.Optional.empty();
        }
        String rest = path.substring("sources.".length());
        int end = rest.indexOf('.');
        return java.util.Optional.of(end < 0 ? rest : rest.substring(0, end));
    }

    private static Map<String, String> sourceOfServiceType(MapNode root) {
        Map<String, String> sources = new LinkedHashMap<>();
        if (root.get("serviceTypes").orElse(null) instanceof MapNode serviceTypes) {
            for (MapNode.Entry entry : serviceTypes.entries()) {
                String source = "";
                if (entry.value() instanceof MapNode serviceType
                        && serviceType.get("source").orElse(null) instanceof ScalarNode scalar) {
                    source = scalar.text();
                }
                sources.put(entry.key(), source);
            }
        }
        return sources;
    }

    private static int count(MapNode root, String section) {
        ConfigNode node = root.get(section).orElse(null);
        return node instanceof MapNode map ? map.entries().size() : 0;
    }
}
