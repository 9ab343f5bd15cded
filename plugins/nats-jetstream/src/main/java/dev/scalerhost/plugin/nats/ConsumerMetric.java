package dev.scalerhost.plugin.nats;

import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Settings;

/** The lag of one durable consumer: its pending plus unacknowledged messages, as KEDA counts it. */
record ConsumerMetric(String account, String stream, String consumer) implements Metric {

    /** NATS' default account, KEDA's default for {@code account}. */
    static final String GLOBAL_ACCOUNT = "$G";

    static ConsumerMetric read(Settings params) {
        String stream = params.string("stream");
        String consumer = params.string("consumer");
        String account = params.string("account", GLOBAL_ACCOUNT);
        return params.hasProblems() ? null : new ConsumerMetric(account, stream, consumer);
    }

    @Override
    public String describe() {
        return "lag of consumer '" + consumer + "' on stream '" + stream + "'"
                + (GLOBAL_ACCOUNT.equals(account) ? "" : " in account '" + account + "'");
    }
}
