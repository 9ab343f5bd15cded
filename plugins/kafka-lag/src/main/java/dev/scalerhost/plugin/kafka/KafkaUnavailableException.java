package dev.scalerhost.plugin.kafka;

/** The cluster did not answer a whole Admin call: every binding of the source fails this round. */
final class KafkaUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
