package dev.scalerhost.host.grpc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The server streams currently open, so that shutdown can end them cleanly. */
final class OpenStreams<T extends OpenStreams.Completable> {

    /** A stream that can be ended with OK; ending it twice is harmless. */
    interface Completable {
        void complete();
    }

    private final Set<T> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Registers {@code stream}; false if the server is shutting down (the caller then completes it). */
    boolean add(T stream) {
        open.add(stream);
        if (closed) {
            open.remove(stream);
            return false;
        }
        return true;
    }

    void remove(T stream) {
        open.remove(stream);
    }

    void forEach(Consumer<T> action) {
        open.forEach(action);
    }

    int size() {
        return open.size();
    }

    /** Refuses new streams and completes every open one. */
    void completeAll() {
        closed = true;
        for (T stream : open) {
            stream.complete();
        }
        open.clear();
    }
}
