package dev.scalerhost.host.http;

/**
 * {@code /livez}: 200 whenever the process can answer at all, shutting down included, so that a
 * liveness probe never restarts a host that is draining or waiting for a backend.
 */
final class LivezHandler extends Endpoint {

    @Override
    protected HttpReply reply() {
        return HttpReply.text(200, "ok\n");
    }
}
