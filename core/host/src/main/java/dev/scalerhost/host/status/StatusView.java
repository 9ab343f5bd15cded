package dev.scalerhost.host.status;

import java.util.List;

/** The host's state as {@code /status}, {@code /readyz} and the CLI show it. */
public interface StatusView {

    List<BindingStatus> bindings();

    List<SourceStatus> sources();

    List<PluginStatus> plugins();
}
