package dev.scalerhost.plugin.redis;

import dev.scalerhost.spi.Deadline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One connection to one Redis server, opened on first use and again after a failure, that sends a
 * batch of commands as one pipeline (one round trip) bounded by the measurement deadline.
 *
 * <p>Used by one measurement at a time (the host's promise for {@code measure}); {@link #close()}
 * may come from another thread and ends a measurement that is still waiting.
 */
final class RedisClient implements AutoCloseable {

    /** An error reply to one command of a pipeline, e.g. {@code WRONGTYPE ...} or {@code NOGROUP ...}. */
    record ErrorReply(String message) {
    }

    private final RedisEndpoint endpoint;
    private final String clientName;
    private volatile Jedis jedis;
    private volatile boolean closed;

    RedisClient(RedisEndpoint endpoint, String clientName) {
        this.endpoint = endpoint;
        this.clientName = clientName;
    }

    /**
     * Sends {@code commands} (each a command name and its arguments) in one pipeline and returns one
     * reply per command: a {@code Long}, a {@code byte[]}, a {@code List} of these, {@code null}, or an
     * {@link ErrorReply}.
     *
     * @throws RedisUnavailableException if the server cannot be reached, refuses the credentials or
     *                                   does not answer before the deadline; the message names the server
     */
    List<Object> pipeline(List<List<String>> commands, Deadline deadline) throws RedisUnavailableException {
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.remainingMillis()));
        try {
            Jedis connection = connection(timeout);
            connection.getConnection().setSoTimeout(timeout);
            Pipeline pipeline = connection.pipelined();
            List<Response<Object>> responses = new ArrayList<>(commands.size());
            for (List<String> command : commands) {
                responses.add(pipeline.sendCommand(command(command.get(0)),
                        command.subList(1, command.size()).toArray(String[]::new)));
            }
            pipeline.sync();
            List<Object> replies = new ArrayList<>(responses.size());
            for (Response<Object> response : responses) {
                replies.add(reply(response));
            }
            return replies;
        } catch (JedisException e) {
            disconnect();
            throw unavailable(e);
        } catch (RuntimeException e) {
            disconnect();
            throw new RedisUnavailableException("the request to Redis at " + endpoint.describe() + " failed: "
                    + endpoint.redact(describe(e)));
        }
    }

    private static Object reply(Response<Object> response) {
        try {
            return response.get();
        } catch (JedisDataException e) {
            return new ErrorReply(String.valueOf(e.getMessage()));
        }
    }

    private Jedis connection(int timeoutMillis) {
        if (closed) {
            throw new JedisConnectionException("the source is closed");
        }
        Jedis current = jedis;
        if (current == null || current.isBroken() || !current.isConnected()) {
            if (current != null) {
                current.close();
            }
            current = new Jedis(endpoint.hostAndPort(), endpoint.clientConfig(clientName, timeoutMillis));
            current.connect();
            jedis = current;
            if (closed) {
                current.close();
                throw new JedisConnectionException("the source is closed");
            }
        }
        return current;
    }

    private RedisUnavailableException unavailable(JedisException e) {
        String target = "Redis at " + endpoint.describe();
        String detail = endpoint.redact(describe(e));
        if (closed) {
            return new RedisUnavailableException("the request to " + target + " was cancelled: the source is closing");
        }
        if (e instanceof JedisAccessControlException || detail.contains("WRONGPASS") || detail.contains("NOAUTH")
                || detail.contains("NOPERM")) {
            return new RedisUnavailableException(target + " refused the source's credentials or permissions: " + detail
                    + "; check username and password (and the ACL user's rights to EVAL, XINFO and XLEN)");
        }
        if (hasCause(e, SSLException.class)) {
            return new RedisUnavailableException("TLS with " + target + " failed: " + detail
                    + "; check tls.caFile (the CA that issued the server's certificate) and the address's host name");
        }
        if (hasCause(e, java.net.SocketTimeoutException.class)) {
            return new RedisUnavailableException(target + " did not answer before the measurement deadline");
        }
        return new RedisUnavailableException(target + " is unreachable: " + detail);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        Throwable deepest = error;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() != null ? deepest.getMessage() : error.getMessage();
        return message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message;
    }

    private static ProtocolCommand command(String name) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        return () -> raw;
    }

    private void disconnect() {
        Jedis current = jedis;
        jedis = null;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException ignored) {
                // a broken connection may fail to close; it is dropped either way
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Jedis current = jedis;
        if (current != null) {
            try {
                // Closing the socket ends a measurement that is waiting for a reply.
                current.getConnection().close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
        disconnect();
    }
}
