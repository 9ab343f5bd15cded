/**
 * The scalerhost runtime. Its words, one per thing, in the configuration's terms:
 *
 * <dl>
 * <dt>source</dt>
 * <dd>One entry under {@code sources:}: an instance of a metric-source plugin (a Kafka cluster, a
 * database pool). {@code config.SourceConfig} as configured, {@code engine.EngineSource} once opened,
 * {@code engine.SourceWorker} measures its serviceTypes in batches.</dd>
 *
 * <dt>serviceType</dt>
 * <dd>One entry under {@code serviceTypes:}: a name (also the metric name sent to KEDA) with either
 * a source, the plugin's keys, {@code target}, {@code activation} and timing (a measured serviceType),
 * or the parts of a composite. {@code config.ServiceTypeConfig} as configured (bound by
 * {@code ServiceTypeBinder} and {@code CompositeBinder}; its plugin keys in
 * {@code PluginKeys.serviceTypeKeys}); {@code engine.PreparedServiceType} with the {@code Metric} its
 * plugin prepared; {@code engine.ServiceTypeState}, either {@code MeasuredState} or
 * {@code CompositeState}, is what the engine knows of it, found by name in the
 * {@code engine.ServiceTypeTable}; {@code status.ServiceTypeStatus} is what {@code /status} shows. The
 * SPI and the plugin guide call it a <em>binding</em> ({@code MetricSourceProvider.bindingKeys()}):
 * the plugin API's word, kept for compatibility; some messages users see say it too.</dd>
 *
 * <dt>trigger</dt>
 * <dd>KEDA's: one trigger of a ScaledObject, whose metadata comes with every RPC and names a
 * serviceType in {@code serviceType}, possibly overriding its target or activation.
 * {@code grpc.TriggerResolver} reads it into a {@code grpc.Trigger}: the serviceType's configuration
 * with the target and activation in effect.</dd>
 *
 * <dt>catalog</dt>
 * <dd>{@code grpc.ServiceCatalog}: the serviceTypes the gRPC service answers for, by name.
 * {@code plugin.PluginCatalog} is the other one: the loaded plugins and their providers.</dd>
 *
 * <dt>generation</dt>
 * <dd>{@code runtime.RunningHost.Generation}: one loaded configuration ({@code runtime.LoadedHost})
 * and the engine measuring it, replaced whole by a reload; the gRPC service swaps in its
 * {@code ScalerService.EngineAndCatalog} at the same moment.</dd>
 *
 * <dt>slot</dt>
 * <dd>Only in {@code history}: one time bucket of a serviceType's recent measurements.</dd>
 *
 * <dt>bind, binder</dt>
 * <dd>The verb only: turning the YAML into frozen records ({@code config.ConfigBinder} and the
 * other {@code *Binder}s).</dd>
 * </dl>
 */
package dev.scalerhost.host;
