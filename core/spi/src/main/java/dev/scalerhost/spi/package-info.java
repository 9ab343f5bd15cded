/**
 * The plugin API of scalerhost: what a metric-source plugin implements and what the host offers it.
 *
 * <p>A plugin is a directory under the host's {@code plugins/} holding a jar with a
 * {@link dev.scalerhost.spi.MetricSourceProvider} registered in
 * {@code META-INF/services/dev.scalerhost.spi.MetricSourceProvider}, plus its dependency jars. Each
 * plugin directory has a child-first class loader of its own; this package, {@code java.*},
 * {@code javax.*} and {@code org.slf4j} come from the host. Compile against the
 * {@code dev.scalerhost:scalerhost-spi} artifact with the {@code provided} scope and never ship it.
 *
 * <p>The life of a source: the host calls {@link dev.scalerhost.spi.MetricSourceProvider#open} once
 * per configured source, {@link dev.scalerhost.spi.MetricSource#prepare} once per binding (both at
 * load time, on the startup thread), then {@link dev.scalerhost.spi.MetricSource#measure} with
 * batches of prepared metrics on a worker thread, and finally
 * {@link dev.scalerhost.spi.MetricSource#close}.
 *
 * <p>A provider declares its keys once as {@link dev.scalerhost.spi.ConfigKey}s; the host derives the
 * unknown-key check, type checks, the aliases of {@code target} and {@code activation} and the JSON
 * Schema of the configuration ({@code scalerhost schema}) from them.
 *
 * <p>Compatibility: the API depends on JDK types only and grows by default methods, which keep
 * {@link dev.scalerhost.spi.SpiVersion#CURRENT}; a change that would break compiled plugins raises
 * it, and the host then refuses plugins built for the old version with an error naming the plugin,
 * the version it was built for and the host's. {@code docs/writing-a-plugin.md} walks through a
 * complete plugin.
 */
package dev.scalerhost.spi;
