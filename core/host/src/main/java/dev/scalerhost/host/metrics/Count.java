package dev.scalerhost.host.metrics;

/** One series of a counter, looked up once and kept by the code that counts. */
@FunctionalInterface
public interface Count {

    void inc();
}
