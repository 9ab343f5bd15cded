package dev.scalerhost.spi;

/**
 * A binding's parameters as prepared by {@link MetricSource#prepare}: whatever the source needs to
 * measure it quickly. Implementations are usually records; they are used as map keys, so the
 * default identity {@code equals} or a record's value {@code equals} both work.
 */
public interface Metric {

    /**
     * What is measured, for {@code /status} and error messages, e.g.
     * {@code "lag of group lakerunner.ingest.logs on lakerunner.objstore.ingest.logs"}. Never a secret.
     */
    String describe();
}
