package dev.scalerhost.host.http;

import java.util.List;

/**
 * The answer of a readiness or health check.
 *
 * @param reasons why the host is not ready, one short line each; empty when it is
 */
public record ReadinessReport(List<String> reasons) {

    public ReadinessReport {
        reasons = List.copyOf(reasons);
    }

    public boolean ok() {
        return reasons.isEmpty();
    }

    /** The plain-text body of a probe answer. */
    public String text() {
        if (ok()) {
            return "ok\n";
        }
        StringBuilder out = new StringBuilder("not ready:\n");
        reasons.forEach(reason -> out.append("- ").append(reason.replace('\n', ' ')).append('\n'));
        return out.toString();
    }
}
