package dev.scalerhost.host.runtime;

import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.SafeText;
import dev.scalerhost.host.plugin.PluginCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes sources within a time budget. Each {@code close()} runs on a thread of its own, all at once;
 * a plugin whose {@code close()} has not returned when the budget is spent is abandoned (its daemon
 * thread is left to it, since the JVM cannot stop it), logged once naming the source and its type,
 * and the caller goes on: a stop or a reload is never held up by a plugin that does not return.
 */
final class SourceCloser {

    private static final Logger LOG = LoggerFactory.getLogger(SourceCloser.class);

    private SourceCloser() {
    }

    /**
     * Closes {@code sources}, waiting at most {@code budget} for all of them.
     *
     * @return the names of the sources whose {@code close()} did not return within the budget
     */
    static List<String> close(List<EngineSource> sources, Duration budget) {
        if (sources.isEmpty()) {
            return List.of();
        }
        CountDownLatch done = new CountDownLatch(sources.size());
        List<Thread> threads = new ArrayList<>(sources.size());
        boolean[] finished = new boolean[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            EngineSource source = sources.get(i);
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    source.source().close();
                } catch (Exception e) {
                    LOG.warn("closing source '{}' failed: {}", source.name(), SafeText.describe(e));
                } finally {
                    synchronized (finished) {
                        finished[index] = true;
                    }
                    done.countDown();
                }
            }, "scalerhost-close-" + source.name());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            done.await(Math.max(0, budget.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> abandoned = new ArrayList<>();
        synchronized (finished) {
            for (int i = 0; i < sources.size(); i++) {
                if (!finished[i]) {
                    EngineSource source = sources.get(i);
                    abandoned.add(source.name());
                    List<String> calls = PluginCalls.describeOn(threads.get(i));
                    LOG.warn("source '{}' (type {}) did not close within {}; going on without it{}", source.name(),
                            source.type(), SafeText.duration(budget),
                            calls.isEmpty() ? "" : " (still running: " + String.join(", ", calls) + ")");
                }
            }
        }
        return abandoned;
    }
}
