package dev.scalerhost.plugin.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * KEDA's {@code partitionLimitation}: the partition ids a binding is limited to, written as ids and
 * inclusive ranges, e.g. {@code "0,2,5-7"}.
 *
 * @param ranges the inclusive ranges, in the order written
 */
record PartitionLimitation(List<Range> ranges) {

    /** An inclusive range of partition ids. */
    record Range(int first, int last) {
        Range {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("invalid partition range " + first + "-" + last);
            }
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    PartitionLimitation {
        ranges = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a partition limitation needs at least one partition");
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message fit for the user, naming the bad item
     */
    static PartitionLimitation parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Range> ranges = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty item in '" + text + "'; expected ids and ranges like \"0,2,5-7\"");
            }
            int dash = item.indexOf('-', 1);
            int first = partitionId(dash < 0 ? item : item.substring(0, dash), item);
            int last = dash < 0 ? first : partitionId(item.substring(dash + 1), item);
            if (last < first) {
                throw new IllegalArgumentException("range '" + item + "' is reversed; write " + last + "-" + first);
            }
            ranges.add(new Range(first, last));
        }
        return new PartitionLimitation(ranges);
    }

    private static int partitionId(String text, String item) {
        try {
            int id = Integer.parseInt(text.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + item + "' is not a partition id (0, 1, ...) or a range like 5-7");
        }
    }

    /** Whether partition {@code id} is included. */
    boolean includes(int id) {
        for (Range range : ranges) {
            if (id >= range.first() && id <= range.last()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(",", ranges.stream().map(Range::toString).toList());
    }
}
