package dev.scalerhost.plugin.nats;

/** The monitoring endpoint could not answer a measurement; the message names it. */
final class NatsUnavailableException extends Exception {

    NatsUnavailableException(String message) {
        super(message);
    }
}
