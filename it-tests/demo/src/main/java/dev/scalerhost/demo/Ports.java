package dev.scalerhost.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks the host's ports before anything starts, so a taken port fails in a second, not after Kafka. */
final class Ports {

    private Ports() {
    }

    /** A port nobody listens on now on {@code bindAddress}, as the system picks one for port 0. */
    static int free(String bindAddress) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
            return socket.getLocalPort();
        }
    }

    /** @throws IOException naming the port, what it is for and how to pick another */
    static void requireFree(String bindAddress, int port, String purpose, String option) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
        } catch (IOException e) {
            throw new IOException("port " + port + " (" + purpose + ") on " + bindAddress + " is not available ("
                    + e.getMessage() + "). Stop what uses it, or give the demo another port, e.g. ./demo "
                    + option + " " + (port <= 55535 ? port + 10000 : port - 10000), e);
        }
    }
}
