package dev.scalerhost.host.plugin;

import dev.scalerhost.host.config.HostKeys;
import dev.scalerhost.spi.ConfigKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** Checks what a provider declares of its keys before the host relies on it. */
final class KeyDeclarations {

    private KeyDeclarations() {
    }

    /** Why the declarations cannot be used, or {@code null} if they can. */
    static String problem(String className, List<ConfigKey> sourceKeys, List<ConfigKey> serviceTypeKeys) {
        if (sourceKeys == null || serviceTypeKeys == null) {
            return "provider " + className + " returned null from " + (sourceKeys == null ? "sourceKeys()" : "bindingKeys()")
                    + "; return an empty list instead";
        }
        String source = problem(sourceKeys, HostKeys.SOURCE_KEYS, List.of());
        if (source != null) {
            return "provider " + className + " declares the source key " + source;
        }
        String serviceTypeProblem = problem(serviceTypeKeys, HostKeys.SERVICE_TYPE_KEYS, HostKeys.OVERRIDABLE);
        return serviceTypeProblem == null ? null
                : "provider " + className + " declares the binding key " + serviceTypeProblem;
    }

    private static String problem(List<ConfigKey> keys, List<ConfigKey> hostKeys, List<String> aliasable) {
        Set<String> host = Set.copyOf(hostKeys.stream().map(ConfigKey::name).toList());
        Set<String> seen = new HashSet<>();
        for (ConfigKey key : keys) {
            if (key == null) {
                return "null; leave it out instead";
            }
            if (host.contains(key.name()) && !aliasable.contains(key.name())) {
                return "'" + key.name() + "', which is the host's; leave it out";
            }
            for (String spelling : Stream.concat(Stream.of(key.name()), key.aliases().stream()).toList()) {
                if (!seen.add(Objects.requireNonNull(spelling, "alias")) || host.contains(spelling) && !spelling.equals(key.name())) {
                    return "'" + spelling + "' twice, or as an alias of a host key; give each spelling once";
                }
            }
        }
        return null;
    }
}
