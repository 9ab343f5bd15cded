package dev.scalerhost.host.status;

import java.util.List;
import java.util.Optional;

/** The host's state as {@code /status}, {@code /readyz} and the CLI show it. */
public interface StatusView {

    List<ServiceTypeStatus> serviceTypes();

    List<SourceStatus> sources();

    List<PluginStatus> plugins();

    /** How the configuration was last (re)loaded; empty where nothing watches a file. */
    default Optional<ReloadStatus> reload() {
        return Optional.empty();
    }

    /** ScaledObjects whose trigger metadata sets a target or activation that is not allowed, so is ignored. */
    default List<IgnoredMetadataStatus> ignoredMetadata() {
        return List.of();
    }
}
