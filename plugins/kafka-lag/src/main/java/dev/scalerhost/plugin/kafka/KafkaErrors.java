package dev.scalerhost.plugin.kafka;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.protocol.Errors;

/** Kafka exceptions as short messages for users and as error codes for metrics. */
final class KafkaErrors {

    static final String SSL_HANDSHAKE_FAILED = "SSL_HANDSHAKE_FAILED";

    private KafkaErrors() {
    }

    /** The exception a future failed with. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Kafka's name for the error, e.g. {@code GROUP_AUTHORIZATION_FAILED}; {@code UNKNOWN_SERVER_ERROR} if none;
     * {@code SSL_HANDSHAKE_FAILED} for a failed TLS handshake, which Kafka files under {@code INVALID_CONFIG}.
     */
    static String code(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return Errors.REQUEST_TIMED_OUT.name();
        }
        if (cause instanceof SslAuthenticationException) {
            return SSL_HANDSHAKE_FAILED;
        }
        return Errors.forException(cause).name();
    }

    /** Whether the failure says the cluster did not answer, rather than refusing one group or topic. */
    static boolean isUnreachable(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof AuthenticationException
                || cause instanceof org.apache.kafka.common.errors.DisconnectException;
    }

    /** Why {@code failure} happened, in words, without the exception class names. */
    static String cause(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GroupAuthorizationException) {
            return "not authorized to describe the group (grant DESCRIBE on the group to this client's principal)";
        }
        if (cause instanceof TopicAuthorizationException) {
            return "not authorized to describe the topic (grant DESCRIBE on the topic to this client's principal)";
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return "the topic or partition does not exist";
        }
        if (cause instanceof GroupIdNotFoundException) {
            return "the consumer group does not exist";
        }
        if (cause instanceof LeaderNotAvailableException || cause instanceof NotLeaderOrFollowerException) {
            return "the partition has no leader";
        }
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof SslAuthenticationException) {
            // Kafka's own message is only "SSL handshake failed"; the JSSE cause says which certificate was refused.
            return "TLS handshake failed: " + innermostMessage(cause) + " (check that tls.caCert or the truststore holds"
                    + " the CA of the broker's certificate and that the certificate names the broker's host; if the"
                    + " broker requires client certificates, give tls.clientCert and tls.clientKey or tls.keystoreLocation)";
        }
        String message = cause.getMessage();
        return code(cause) + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String innermostMessage(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message;
    }
}
