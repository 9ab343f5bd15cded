package dev.scalerhost.host.threads;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a result that the start cannot go on without, whatever interrupts arrive meanwhile. */
public final class Uninterruptibly {

    private Uninterruptibly() {
    }

    /**
     * The result of {@code future}, waiting through interrupts; the thread's interrupt status is set
     * again before returning if one arrived.
     *
     * @throws ExecutionException if the computation failed
     */
    public static <T> T get(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
