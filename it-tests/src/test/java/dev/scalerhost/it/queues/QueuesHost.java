package dev.scalerhost.it.queues;

import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;

/** The distribution started by {@link QueuesSetup#start} and the KEDA client that polls it. */
record QueuesHost(ScalerhostProcess process, KedaClient keda) implements AutoCloseable {

    @Override
    public void close() {
        keda.close();
        process.close();
    }

    /** Closes each of {@code resources} that was opened, in order. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
