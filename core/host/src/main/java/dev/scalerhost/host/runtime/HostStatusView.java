package dev.scalerhost.host.runtime;

import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.plugin.PluginCatalog;
import dev.scalerhost.host.status.BindingStatus;
import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.host.status.StatusView;
import java.util.List;
import java.util.Objects;

/** The status of a running host: measurements from the engine, plugins from the catalog. */
final class HostStatusView implements StatusView {

    private final MeasurementEngine engine;
    private final PluginCatalog catalog;

    HostStatusView(MeasurementEngine engine, PluginCatalog catalog) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public List<BindingStatus> bindings() {
        return engine.bindingStatuses();
    }

    @Override
    public List<SourceStatus> sources() {
        return engine.sourceStatuses();
    }

    @Override
    public List<PluginStatus> plugins() {
        return catalog.statuses();
    }
}
