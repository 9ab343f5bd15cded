package dev.scalerhost.host.engine;

import dev.scalerhost.spi.Reading;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of a serviceType's new good values: subscribers (streams, counted), then dependents
 * (the composites it is a part of, internal and not counted). A failing listener is logged and
 * does not stop the others.
 */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final String serviceType;
    private final Set<Consumer<Reading.Value>> subscribers = ConcurrentHashMap.newKeySet();
    private final List<Runnable> dependents = new CopyOnWriteArrayList<>();

    Listeners(String serviceType) {
        this.serviceType = serviceType;
    }

    Subscription subscribe(Consumer<Reading.Value> listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    int count() {
        return subscribers.size();
    }

    /** Runs {@code dependent} after every new good value, for as long as the engine lives. */
    void addDependent(Runnable dependent) {
        dependents.add(dependent);
    }

    void notify(Reading.Value value) {
        for (Consumer<Reading.Value> subscriber : subscribers) {
            try {
                subscriber.accept(value);
            } catch (RuntimeException e) {
                log.warn("listener of serviceType '{}' failed: {}", serviceType, SafeText.describe(e));
            }
        }
        for (Runnable dependent : dependents) {
            try {
                dependent.run();
            } catch (RuntimeException e) {
                log.warn("a composite of serviceType '{}' failed to update: {}", serviceType, SafeText.describe(e));
            }
        }
    }
}
