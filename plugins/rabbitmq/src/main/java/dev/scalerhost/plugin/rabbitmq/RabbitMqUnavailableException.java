package dev.scalerhost.plugin.rabbitmq;

/** The broker could not answer a measurement; the message names the broker and never a secret. */
final class RabbitMqUnavailableException extends Exception {

    RabbitMqUnavailableException(String message) {
        super(message);
    }
}
