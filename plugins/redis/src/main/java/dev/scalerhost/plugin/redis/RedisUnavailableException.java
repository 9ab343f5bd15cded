package dev.scalerhost.plugin.redis;

/** The Redis server could not answer a measurement; the message names the server and never a secret. */
final class RedisUnavailableException extends Exception {

    RedisUnavailableException(String message) {
        super(message);
    }
}
