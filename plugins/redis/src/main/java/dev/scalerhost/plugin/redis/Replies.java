package dev.scalerhost.plugin.redis;

import java.nio.charset.StandardCharsets;

/** Reading Jedis' raw replies: integers as {@code Long}, strings as {@code byte[]}. */
final class Replies {

    private Replies() {
    }

    static String text(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(reply);
    }
}
