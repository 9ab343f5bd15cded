package dev.scalerhost.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JvmProbeTest {

    private static final String TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode";
    private static final String TCP6_HEADER = "  sl  local_address                         remote_address"
            + "                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    @Test
    void countsOnlyEstablishedRowsToTheRemotePortOwnedByTheGivenSockets() {
        // 0x2384 = 9092, 0x1F90 = 8080
        List<String> tcp = List.of(TCP_HEADER,
                "   0: 0100007F:2384 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 10 1 0 100 0 0 10 0",
                "   1: 0100007F:C350 0100007F:2384 01 00000000:00000000 00:00000000 00000000     0        0 11 1 0 20 4 30 10 -1",
                "   2: 0100007F:C351 0100007F:2384 01 00000000:00000000 00:00000000 00000000     0        0 99 1 0 20 4 30 10 -1",
                "   3: 0100007F:C352 0100007F:2384 06 00000000:00000000 03:00001770 00000000     0        0 12 3 0",
                "   4: 0100007F:2384 0100007F:C353 01 00000000:00000000 00:00000000 00000000     0        0 13 1 0 20 4 30 10 -1",
                "   5: 0100007F:C354 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 14 1 0 20 4 30 10 -1");
        List<String> tcp6 = List.of(TCP6_HEADER,
                "   0: 0000000000000000FFFF00000100007F:C355 0000000000000000FFFF00000100007F:2384 01 00000000:00000000"
                        + " 00:00000000 00000000     0        0 15 1 0 20 4 30 10 -1");
        Set<Long> sockets = Set.of(10L, 11L, 12L, 13L, 14L, 15L);

        assertThat(JvmProbe.countEstablished(tcp, 9092, sockets)).as("row 1 only").isEqualTo(1);
        assertThat(JvmProbe.countEstablished(tcp6, 9092, sockets)).as("the IPv4-mapped row").isEqualTo(1);
        assertThat(JvmProbe.countEstablished(tcp, 8080, sockets)).isEqualTo(1);
        assertThat(JvmProbe.countEstablished(tcp, 9092, Set.of())).isZero();
        assertThat(JvmProbe.countEstablished(List.of(TCP_HEADER), 9092, sockets)).isZero();
    }

    @Test
    void countsThisProcesssOpenClientConnectionsToARealListener() throws Exception {
        long self = ProcessHandle.current().pid();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            assertThat(JvmProbe.establishedConnections(self, port)).isZero();
            try (Socket first = new Socket(InetAddress.getLoopbackAddress(), port);
                    Socket accepted1 = server.accept();
                    Socket second = new Socket(InetAddress.getLoopbackAddress(), port);
                    Socket accepted2 = server.accept()) {
                // The accepted ends have the listener's port as their local port, so they do not count.
                assertThat(JvmProbe.establishedConnections(self, port)).isEqualTo(2);
                second.close();
                assertThat(JvmProbe.establishedConnections(self, port)).isEqualTo(1);
            }
            assertThat(JvmProbe.establishedConnections(self, port)).isZero();
        }
    }
}
