package dev.scalerhost.it.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} arguments of a benchmark main class, each with a default. */
final class BenchArguments {

    private final Map<String, String> values = new HashMap<>();

    BenchArguments(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete argument '" + name + "'; known: --"
                        + String.join(" VALUE, --", known) + " VALUE");
            }
            values.put(name.substring(2), args[++i]);
        }
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    Duration seconds(String name, int fallback) {
        return Duration.ofSeconds(integer(name, fallback));
    }

    List<Integer> integers(String name, List<Integer> fallback) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        List<Integer> list = new ArrayList<>();
        for (String part : values.get(name).split(",")) {
            list.add(Integer.parseInt(part.strip()));
        }
        return List.copyOf(list);
    }
}
