package dev.scalerhost.host.cli;

import dev.scalerhost.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code scalerhost version} (also {@code --version}): the host's version and the SPI version plugins must be built for. */
final class VersionCommand {

    private static final String RESOURCE = "scalerhost-version.properties";

    private VersionCommand() {
    }

    static int run(Environment environment) {
        environment.out().println("scalerhost " + hostVersion());
        environment.out().println("SPI version " + SpiVersion.CURRENT);
        return ExitCode.OK;
    }

    /** The version the build wrote into the host's jar, or "unknown" when run from unpackaged classes without it. */
    static String hostVersion() {
        Properties properties = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String version = properties.getProperty("version", "");
        return version.isBlank() || version.startsWith("${") ? "unknown" : version;
    }
}
