package dev.scalerhost.host.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Self-signed EC certificates made by the JDK's keytool, exported as PEM files. Shared with other
 * modules' tests through this module's test jar: a self-signed server certificate is also the CA file
 * a client trusts it with.
 */
public final class TestCertificates {

    /** The password of every {@link Pem#keystore()}. */
    public static final String KEYSTORE_PASSWORD = "changeit";

    /**
     * The files of one identity.
     *
     * @param certificate the certificate, PEM
     * @param key         its private key, unencrypted PKCS#8 PEM
     * @param keystore    both in a PKCS12 keystore with password {@value #KEYSTORE_PASSWORD}
     */
    public record Pem(Path certificate, Path key, Path keystore) {
    }

    private TestCertificates() {
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    public static String server(String cn) {
        return "CN=" + cn + "|SAN=ip:127.0.0.1,dns:localhost";
    }

    /**
     * A client certificate. Being self-signed, it is also the CA file a server trusts it with, so it may
     * sign certificates too: OpenSSL (PostgreSQL) refuses a client CA without keyCertSign.
     */
    public static String client(String cn) {
        return "CN=" + cn + "|KeyUsage=digitalSignature,keyCertSign";
    }

    /**
     * Makes one identity per {@code alias=spec} pair (spec from {@link #server} or {@link #client}),
     * in parallel, and returns their PEM files in {@code dir} in the same order.
     */
    public static List<Pem> make(Path dir, String... aliasSpecs) throws Exception {
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < aliasSpecs.length; i += 2) {
            String[] spec = aliasSpecs[i + 1].split("\\|");
            running.add(keytool(dir, aliasSpecs[i], spec[0], spec[1]));
        }
        List<Pem> pems = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            assertThat(running.get(i).waitFor()).as("keytool for " + aliasSpecs[2 * i]).isZero();
            pems.add(exportPem(dir, aliasSpecs[2 * i]));
        }
        return pems;
    }

    private static Process keytool(Path dir, String alias, String dname, String extension) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        return new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-ext", extension, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", dir.resolve(alias + ".p12").toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass",
                KEYSTORE_PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve(alias + ".log").toFile()).start();
    }

    private static Pem exportPem(Path dir, String alias) throws Exception {
        Path keystore = dir.resolve(alias + ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        Path certificate = dir.resolve(alias + ".crt");
        Path key = dir.resolve(alias + ".key");
        Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate(alias).getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", store.getKey(alias, KEYSTORE_PASSWORD.toCharArray()).getEncoded()));
        return new Pem(certificate, key, keystore);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
