package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.TlsConfig;
import dev.scalerhost.host.watch.FileWatcher;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS credentials for the gRPC port that follow their PEM files: when cert-manager (or anyone)
 * replaces the certificate, key or client CA, new handshakes use the new files within
 * {@link #POLL_INTERVAL}; open connections keep the session they negotiated. A replacement that
 * cannot be loaded (a key that does not match, a half-written file) is logged once and the
 * previous credentials keep serving.
 */
final class ReloadingTls implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ReloadingTls.class);

    private final TlsConfig tls;
    private final AdvancedTlsX509KeyManager keyManager = new AdvancedTlsX509KeyManager();
    private final AdvancedTlsX509TrustManager trustManager;
    private final ScheduledExecutorService poller;

    private ReloadingTls(TlsConfig tls) throws IOException {
        this.tls = tls;
        try {
            PemIdentity identity = PemIdentity.read(tls.certificate(), tls.privateKey());
            keyManager.updateIdentityCredentials(identity.chain(), identity.key());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException("gRPC TLS: cannot load certificate " + tls.certificate() + " with key "
                    + tls.privateKey() + ": " + e.getMessage(), e);
        }
        if (tls.clientCa().isPresent()) {
            try {
                trustManager = AdvancedTlsX509TrustManager.newBuilder()
                        .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
                        .build();
                trustManager.updateTrustCredentials(tls.clientCa().get().toFile());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new IOException("gRPC TLS: cannot load client CA " + tls.clientCa().get() + ": " + e.getMessage(), e);
            }
        } else {
            trustManager = null;
        }
        List<Path> files = new ArrayList<>(List.of(tls.certificate(), tls.privateKey()));
        tls.clientCa().ifPresent(files::add);
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scalerhost-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        new FileWatcher(files, this::reload).start(poller, POLL_INTERVAL);
    }

    /** Loads the files and starts watching them; fails with the file named if one cannot be loaded. */
    static ReloadingTls load(TlsConfig tls) throws IOException {
        return new ReloadingTls(Objects.requireNonNull(tls, "tls"));
    }

    /** Server credentials over the reloading key and trust managers; mutual TLS if a client CA is set. */
    ServerCredentials credentials() {
        TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder().keyManager(keyManager);
        if (trustManager != null) {
            builder.trustManager(new UnlistedIssuersTrustManager(trustManager))
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        }
        return builder.build();
    }

    private void reload() {
        try {
            PemIdentity identity = PemIdentity.read(tls.certificate(), tls.privateKey());
            if (trustManager != null) {
                trustManager.updateTrustCredentials(tls.clientCa().get().toFile());
            }
            keyManager.updateIdentityCredentials(identity.chain(), identity.key());
            log.info("gRPC TLS: loaded the changed certificate, key{} for new connections",
                    trustManager != null ? " and client CA" : "");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.error("gRPC TLS: cannot load the changed files ({}, {}{}): {}; the previous certificate keeps serving "
                    + "until the files are fixed", tls.certificate(), tls.privateKey(),
                    tls.clientCa().map(ca -> ", " + ca).orElse(""), e.getMessage());
        }
    }

    /** Stops watching the files. */
    @Override
    public void close() {
        poller.shutdownNow();
    }
}
