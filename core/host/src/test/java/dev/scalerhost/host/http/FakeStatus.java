package dev.scalerhost.host.http;

import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.host.status.StatusView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link StatusView} whose contents a test sets. */
class FakeStatus implements StatusView {

    final List<ServiceTypeStatus> serviceTypes = new CopyOnWriteArrayList<>();
    final List<SourceStatus> sources = new CopyOnWriteArrayList<>();
    final List<PluginStatus> plugins = new CopyOnWriteArrayList<>();

    @Override
    public List<ServiceTypeStatus> serviceTypes() {
        return List.copyOf(serviceTypes);
    }

    @Override
    public List<SourceStatus> sources() {
        return List.copyOf(sources);
    }

    @Override
    public List<PluginStatus> plugins() {
        return List.copyOf(plugins);
    }
}
