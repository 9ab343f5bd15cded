package dev.scalerhost.host.engine;

/** A registered listener; closing it removes the listener. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
