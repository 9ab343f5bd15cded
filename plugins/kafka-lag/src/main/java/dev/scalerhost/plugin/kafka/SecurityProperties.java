package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Settings;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sasl:} and {@code tls:} sections of a source, as Kafka client properties.
 *
 * <pre>
 * sasl: {mechanism: SCRAM-SHA-512, username: scaler, password: ${file:/var/run/secrets/kafka/password}}
 * tls:
 *   caCert: ${file:/etc/kafka/ca.pem}            # or truststoreLocation / truststorePassword / truststoreType
 *   clientCert: ...  clientKey: ...              # or keystoreLocation / keystorePassword / keyPassword / keystoreType
 *   hostnameVerification: true
 * </pre>
 */
final class SecurityProperties {

    private SecurityProperties() {
    }

    static void read(Settings settings, String protocol, Map<String, Object> into) {
        boolean sasl = protocol != null && protocol.startsWith("SASL_");
        boolean tls = "SSL".equals(protocol) || "SASL_SSL".equals(protocol);
        Optional<Settings> saslSection = settings.section("sasl");
        Optional<Settings> tlsSection = settings.section("tls");
        if (sasl && saslSection.isEmpty()) {
            settings.problem("sasl", "required with securityProtocol " + protocol
                    + ": give mechanism (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512), username and password");
        }
        if (!sasl && saslSection.isPresent()) {
            settings.problem("sasl", "needs securityProtocol SASL_SSL or SASL_PLAINTEXT, not " + protocol);
        }
        if (!tls && tlsSection.isPresent()) {
            settings.problem("tls", "needs securityProtocol SSL or SASL_SSL, not " + protocol);
        }
        saslSection.ifPresent(s -> readSasl(s, into));
        tlsSection.ifPresent(s -> readTls(s, into));
    }

    private static void readSasl(Settings sasl, Map<String, Object> into) {
        String mechanism = sasl.oneOf("mechanism", null, "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
        if (!sasl.has("mechanism")) {
            sasl.problem("mechanism", "required: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
        }
        String username = sasl.string("username");
        Optional<String> password = sasl.secret("password");
        if (password.isEmpty()) {
            sasl.problem("password", "required; use ${file:/path} or ${ENV} to keep it out of the file");
        }
        if (mechanism == null || username == null || password.isEmpty()) {
            return;
        }
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        into.put("sasl.mechanism", mechanism);
        into.put("sasl.jaas.config", module + " required username=\"" + jaasEscape(username)
                + "\" password=\"" + jaasEscape(password.get()) + "\";");
    }

    private static void readTls(Settings tls, Map<String, Object> into) {
        Optional<String> caCert = tls.optionalString("caCert");
        Optional<String> truststore = tls.optionalString("truststoreLocation");
        if (caCert.isPresent() && truststore.isPresent()) {
            tls.problem("caCert", "give either caCert (PEM) or truststoreLocation, not both");
        }
        caCert.ifPresent(pem -> {
            into.put("ssl.truststore.type", "PEM");
            into.put("ssl.truststore.certificates", pem);
        });
        truststore.ifPresent(location -> {
            into.put("ssl.truststore.location", location);
            into.put("ssl.truststore.type", tls.oneOf("truststoreType", "JKS", "JKS", "PKCS12", "PEM"));
        });
        tls.secret("truststorePassword").ifPresent(p -> into.put("ssl.truststore.password", p));
        if (!tls.has("truststoreLocation")) {
            tls.oneOf("truststoreType", "JKS", "JKS", "PKCS12", "PEM");
        }

        Optional<String> clientCert = tls.optionalString("clientCert");
        Optional<String> clientKey = tls.secret("clientKey");
        Optional<String> keystore = tls.optionalString("keystoreLocation");
        if (clientCert.isPresent() != clientKey.isPresent()) {
            tls.problem(clientCert.isPresent() ? "clientKey" : "clientCert", "clientCert and clientKey go together (PEM)");
        }
        if (clientCert.isPresent() && keystore.isPresent()) {
            tls.problem("clientCert", "give either clientCert/clientKey (PEM) or keystoreLocation, not both");
        }
        if (clientCert.isPresent() && clientKey.isPresent()) {
            into.put("ssl.keystore.type", "PEM");
            into.put("ssl.keystore.certificate.chain", clientCert.get());
            into.put("ssl.keystore.key", clientKey.get());
        }
        keystore.ifPresent(location -> {
            into.put("ssl.keystore.location", location);
            into.put("ssl.keystore.type", tls.oneOf("keystoreType", "JKS", "JKS", "PKCS12", "PEM"));
        });
        if (keystore.isEmpty()) {
            tls.oneOf("keystoreType", "JKS", "JKS", "PKCS12", "PEM");
        }
        tls.secret("keystorePassword").ifPresent(p -> into.put("ssl.keystore.password", p));
        tls.secret("keyPassword").ifPresent(p -> into.put("ssl.key.password", p));
        if (!tls.bool("hostnameVerification", true)) {
            into.put("ssl.endpoint.identification.algorithm", "");
        }
    }

    /** JAAS values are double-quoted; a quote or backslash in a password must not end them. */
    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
