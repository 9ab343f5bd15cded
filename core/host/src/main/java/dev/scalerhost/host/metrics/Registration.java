package dev.scalerhost.host.metrics;

/** A gauge series read at scrape time, until it is unregistered. */
@FunctionalInterface
public interface Registration {

    /**
     * Removes the series, unless it has been registered again since (by the engine that replaced this
     * one on a configuration reload), so that the old engine's close never removes the new one's.
     */
    void unregister();

    /** Several registrations as one. */
    static Registration all(Registration... registrations) {
        Registration[] copy = registrations.clone();
        return () -> {
            for (Registration registration : copy) {
                registration.unregister();
            }
        };
    }
}
