package dev.scalerhost.host.cli;

import dev.scalerhost.host.runtime.RunningHost;
import sun.misc.Signal;

/** Turns SIGHUP into a reload of the configuration file, the usual Unix convention for daemons. */
final class ReloadSignal {

    private ReloadSignal() {
    }

    /** Reloads {@code host}'s configuration on every SIGHUP from now on. */
    static void install(RunningHost host) {
        Signal.handle(new Signal("HUP"), received -> host.requestReload("SIGHUP"));
    }
}
