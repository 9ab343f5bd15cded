package dev.scalerhost.plugin.support;

import dev.scalerhost.spi.ConfigKey;

/** The {@code tls:} section that {@link PemTls} reads, declared once for the plugins that use it. */
public final class TlsKeys {

    /** {@code tls: {caFile, certFile, keyFile}}. */
    public static final ConfigKey SECTION = ConfigKey.section("tls", "Trust and client identity for TLS, as PEM files.",
            ConfigKey.string("caFile", "PEM file of the CAs to trust instead of the JVM's."),
            ConfigKey.string("certFile", "PEM file of the client certificate, for mutual TLS (with keyFile)."),
            ConfigKey.string("keyFile", "PEM file of the client's private key (with certFile)."));

    private TlsKeys() {
    }
}
