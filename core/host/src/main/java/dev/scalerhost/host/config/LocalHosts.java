package dev.scalerhost.host.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which host names and addresses reach this machine: {@code localhost} (and {@code *.localhost}),
 * loopback and wildcard addresses, the addresses of its network interfaces, and whatever a
 * listener binds to. Decided without DNS: a name other than these counts as another machine.
 */
final class LocalHosts {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final Set<InetAddress> interfaceAddresses;

    LocalHosts(Set<InetAddress> interfaceAddresses) {
        this.interfaceAddresses = Set.copyOf(interfaceAddresses);
    }

    /** The addresses of this machine's network interfaces now; none if they cannot be listed. */
    static LocalHosts ofThisMachine() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(network.getInetAddresses()));
            }
        } catch (SocketException | RuntimeException e) {
            // Loopback, wildcard and bind addresses are still recognised without the interface list.
        }
        return new LocalHosts(addresses);
    }

    /** Whether {@code host} (lowercase, no brackets) reaches this machine, which binds {@code bindHost}. */
    boolean isOwn(String host, String bindHost) {
        Objects.requireNonNull(host, "host");
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals(bindHost.toLowerCase(Locale.ROOT))) {
            return true;
        }
        InetAddress address = literal(name);
        if (address == null) {
            return false;
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || interfaceAddresses.contains(address)) {
            return true;
        }
        InetAddress bound = literal(bindHost.toLowerCase(Locale.ROOT));
        return address.equals(bound);
    }

    /** The address {@code text} spells, if it is an IP literal; {@code null} for a name (never looked up). */
    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !(bare.contains(":") && bare.matches("[0-9a-f:.]+(%[0-9a-z]+)?"))) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }
}
