package dev.scalerhost.it.bench;

import com.sun.tools.attach.VirtualMachine;
import dev.scalerhost.testservers.KafkaBroker;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Counts the requests a broker received, by API, from the broker's own
 * {@code kafka.network:type=RequestMetrics,name=RequestsPerSec} meters, read over JMX after attaching
 * to the broker's JVM. Counting on the broker counts every client the same way, whatever it is.
 */
final class KafkaBrokerRequests implements AutoCloseable {

    /** The KRaft node's own traffic with itself; no client sends these. */
    private static final Set<String> INTERNAL = Set.of("BrokerHeartbeat", "BrokerRegistration", "Fetch",
            "FetchSnapshot", "Vote", "BeginQuorumEpoch", "EndQuorumEpoch", "DescribeQuorum", "UpdateRaftVoter");

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private KafkaBrokerRequests(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** Attaches to the JVM of {@code broker}, a child of this process. */
    static KafkaBrokerRequests attach(KafkaBroker broker) throws Exception {
        String dataDir = broker.dataDir().toString();
        ProcessHandle process = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("kafka.Kafka"))
                .filter(p -> p.info().commandLine().orElse("").contains(dataDir))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no broker process with data in " + dataDir));
        VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
        try {
            String address = vm.startLocalManagementAgent();
            return new KafkaBrokerRequests(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    /** Requests received so far by API name, without the node's internal KRaft traffic. */
    Map<String, Long> snapshot() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (ObjectName name : server.queryNames(
                new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
            String api = name.getKeyProperty("request");
            if (api != null && !INTERNAL.contains(api)) {
                counts.merge(api, ((Number) server.getAttribute(name, "Count")).longValue(), Long::sum);
            }
        }
        return counts;
    }

    /** {@code after - before} per API, leaving out APIs that did not change. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((api, count) -> {
            long d = count - before.getOrDefault(api, 0L);
            if (d != 0) {
                delta.put(api, d);
            }
        });
        return delta;
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
