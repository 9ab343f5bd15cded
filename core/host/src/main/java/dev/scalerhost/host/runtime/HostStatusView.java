package dev.scalerhost.host.runtime;

import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.host.status.ReloadStatus;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.host.status.StatusView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The status of a running host: measurements from the engine serving now, plugins from the catalog. */
final class HostStatusView implements StatusView {

    private final RunningHost host;

    HostStatusView(RunningHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public List<ServiceTypeStatus> serviceTypes() {
        return host.generation().engine().serviceTypeStatuses();
    }

    @Override
    public List<SourceStatus> sources() {
        return host.generation().engine().sourceStatuses();
    }

    @Override
    public List<PluginStatus> plugins() {
        return host.generation().loaded().catalog().statuses();
    }

    @Override
    public List<IgnoredMetadataStatus> ignoredMetadata() {
        return host.ignoredMetadata();
    }

    @Override
    public Optional<ReloadStatus> reload() {
        return host.reloadStatus();
    }
}
