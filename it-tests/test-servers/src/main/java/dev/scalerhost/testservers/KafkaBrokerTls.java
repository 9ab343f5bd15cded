package dev.scalerhost.testservers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS listeners of a {@link KafkaBroker}, beside its PLAINTEXT one: an {@code SSL} listener with
 * the server certificate; with {@link #requiringClientCertificates} an {@code MTLS} listener that
 * requires a client certificate signed by the given CA; with {@link #withScramUser} a {@code SASL_SSL}
 * listener taking SCRAM-SHA-512 logins.
 *
 * @param certificate the server certificate, PEM (it should name 127.0.0.1, where the broker listens)
 * @param key         its private key, unencrypted PKCS#8 PEM
 * @param clientCa    the CA file (PEM) client certificates must chain to on the MTLS listener
 * @param scramUsers  SCRAM-SHA-512 user name to password, created when the storage is formatted
 */
public record KafkaBrokerTls(Path certificate, Path key, Optional<Path> clientCa, Map<String, String> scramUsers) {

    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    public KafkaBrokerTls {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clientCa, "clientCa");
        scramUsers = Map.copyOf(scramUsers);
        scramUsers.forEach((user, password) -> {
            // Kafka's --add-scram syntax has no escaping: these would cut the entry short.
            if ((user + password).matches(".*[\\[\\],=\"].*")) {
                throw new IllegalArgumentException("SCRAM user " + user + ": name and password must not contain [ ] , = or \"");
            }
        });
    }

    /** An SSL listener serving {@code certificate}; no client certificates, no SASL. */
    public static KafkaBrokerTls of(Path certificate, Path key) {
        return new KafkaBrokerTls(certificate, key, Optional.empty(), Map.of());
    }

    /** Adds the MTLS listener, which refuses clients without a certificate that {@code clientCa} trusts. */
    public KafkaBrokerTls requiringClientCertificates(Path clientCa) {
        return new KafkaBrokerTls(certificate, key, Optional.of(clientCa), scramUsers);
    }

    /** Adds the SASL_SSL listener (if not there yet) and a SCRAM-SHA-512 user for it. */
    public KafkaBrokerTls withScramUser(String user, String password) {
        Map<String, String> users = new LinkedHashMap<>(scramUsers);
        users.put(user, password);
        return new KafkaBrokerTls(certificate, key, clientCa, users);
    }

    /** Whether the broker has a SASL_SSL listener. */
    boolean sasl() {
        return !scramUsers.isEmpty();
    }

    /**
     * The broker's {@code ssl.*} and SASL properties; writes the key and certificate into one PEM file
     * in {@code dataDir}, the form Kafka's PEM key store location takes.
     */
    Map<String, String> brokerProperties(Path dataDir) throws IOException {
        Path keystore = dataDir.resolve("ssl-keystore.pem");
        Files.writeString(keystore, Files.readString(key, StandardCharsets.UTF_8) + "\n"
                + Files.readString(certificate, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ssl.keystore.type", "PEM");
        props.put("ssl.keystore.location", keystore.toString());
        clientCa.ifPresent(ca -> {
            props.put("listener.name.mtls.ssl.truststore.type", "PEM");
            props.put("listener.name.mtls.ssl.truststore.location", ca.toString());
            props.put("listener.name.mtls.ssl.client.auth", "required");
        });
        if (sasl()) {
            props.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", SCRAM_MECHANISM);
            props.put("listener.name.sasl_ssl." + SCRAM_MECHANISM.toLowerCase() + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        return props;
    }

    /** The {@code --add-scram} arguments of the storage format command. */
    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        scramUsers.forEach((user, password) -> {
            args.add("--add-scram");
            args.add(SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]");
        });
        return args;
    }
}
