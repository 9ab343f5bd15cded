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

/** Self-signed EC certificates made by the JDK's keytool, exported as PEM files. */
final class TestCertificates {

    /** PEM files of one identity. */
    record Pem(Path certificate, Path key) {
    }

    private TestCertificates() {
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    static String server(String cn) {
        return "CN=" + cn + "|SAN=ip:127.0.0.1,dns:localhost";
    }

    /** A client certificate. */
    static String client(String cn) {
        return "CN=" + cn + "|KeyUsage=digitalSignature";
    }

    /**
     * Makes one identity per {@code alias=spec} pair (spec from {@link #server} or {@link #client}),
     * in parallel, and returns their PEM files in {@code dir} in the same order.
     */
    static List<Pem> make(Path dir, String... aliasSpecs) throws Exception {
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
                "-keystore", dir.resolve(alias + ".p12").toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve(alias + ".log").toFile()).start();
    }

    private static Pem exportPem(Path dir, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(dir.resolve(alias + ".p12").toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        Path certificate = dir.resolve(alias + ".crt");
        Path key = dir.resolve(alias + ".key");
        Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate(alias).getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", store.getKey(alias, "changeit".toCharArray()).getEncoded()));
        return new Pem(certificate, key);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
