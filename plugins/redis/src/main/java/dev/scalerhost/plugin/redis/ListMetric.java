package dev.scalerhost.plugin.redis;

import dev.scalerhost.spi.Metric;

/** The length of one list (or set, sorted set, hash) in one database. */
record ListMetric(String listName, int databaseIndex) implements Metric {

    @Override
    public String describe() {
        return "length of list '" + listName + "'" + (databaseIndex == 0 ? "" : " in database " + databaseIndex);
    }
}
