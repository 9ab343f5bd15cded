package dev.scalerhost.testservers;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The requests a {@link KafkaBroker} received from clients, by API name, as the broker itself counts
 * them ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec}), read over JMX after attaching
 * to the broker's JVM. Counting on the broker counts what went over the wire, whatever the client.
 */
public final class KafkaRequestCounter implements AutoCloseable {

    /** The KRaft node's traffic with itself; no client sends these. */
    private static final Set<String> INTERNAL = Set.of("BrokerHeartbeat", "BrokerRegistration", "Fetch",
            "FetchSnapshot", "Vote", "BeginQuorumEpoch", "EndQuorumEpoch", "DescribeQuorum", "UpdateRaftVoter");

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private KafkaRequestCounter(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** Attaches to {@code broker}'s JVM, a child of this process, found by the data directory on its command line. */
    public static KafkaRequestCounter attach(KafkaBroker broker) throws Exception {
        String dataDir = Objects.requireNonNull(broker, "broker").dataDir().toString();
        ProcessHandle process = ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(dataDir))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running broker process with data in " + dataDir));
        VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
        try {
            KafkaRequestCounter counter = new KafkaRequestCounter(
                    JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
            counter.counts(); // the first queries are slow; made here, they fall into no measured window
            return counter;
        } finally {
            vm.detach();
        }
    }

    /** Requests received so far, by API name, without the node's internal KRaft traffic. */
    public Map<String, Long> counts() throws Exception {
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

    /** {@code after - before} by API, leaving out APIs that did not change. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((api, count) -> {
            long d = count - before.getOrDefault(api, 0L);
            if (d != 0) {
                delta.put(api, d);
            }
        });
        return delta;
    }

    /** All requests of {@code counts}, whatever the API. */
    public static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
