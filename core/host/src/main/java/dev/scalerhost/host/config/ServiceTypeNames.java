package dev.scalerhost.host.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * serviceType names: also the metric names sent to KEDA, so lowercase letters, digits and dashes,
 * starting and ending with a letter or digit.
 */
final class ServiceTypeNames {

    static final String PATTERN = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private ServiceTypeNames() {
    }

    static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** Why {@code name} is invalid, with the nearest valid spelling when there is one. */
    static String problem(String name) {
        String fixed = name.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return "invalid serviceType name '" + name + "': use lowercase letters, digits and '-', starting and "
                + "ending with a letter or digit (it is also the metric name sent to KEDA)"
                + (fixed.isEmpty() ? "" : "; e.g. '" + fixed + "'");
    }
}
