package dev.scalerhost.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's class data sharing ({@code SCALERHOST_CDS=on}): the first {@code run} leaves an archive
 * behind when it stops, the next start maps the host's classes from it; without the setting none is
 * written or used.
 */
class ClassDataSharingIT {

    private static final String CONFIG = ScalerhostProcess.serverSection() + "serviceTypes: {}\n";
    private static final String SHARED = "source: shared objects file (top)";

    private final Distribution distribution = Distribution.unpacked();

    @Test
    void firstRunWritesTheArchiveAndTheNextStartLoadsClassesFromIt() throws Exception {
        Path cds = distribution.newWorkDirectory("cds-archive");
        try (ScalerhostProcess first = start("cds-first", cds, "on")) {
            // Writing the archive is part of this stop.
            first.stop(Duration.ofSeconds(90));
        }
        assertThat(archives(cds)).as("files in " + cds).singleElement().asString().endsWith(".dumping");

        try (ScalerhostProcess second = start("cds-second", cds, "on")) {
            second.stop();
            assertThat(second.log()).contains("dev.scalerhost.host.cli.Main " + SHARED)
                    .doesNotContain("[cds");
        }
        assertThat(archives(cds)).as("the finished dump was adopted").singleElement().asString().endsWith(".jsa");
    }

    @Test
    void cdsIsOffByDefault() throws Exception {
        Path cds = distribution.newWorkDirectory("cds-off");
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("cds-off").config(CONFIG)
                .env("SCALERHOST_CDS_DIR", cds.toString())
                .env("SCALERHOST_JAVA_OPTS", "-Xlog:class+load=info")
                .start()) {
            host.stop();
            assertThat(host.log()).contains("dev.scalerhost.host.cli.Main source: file:").doesNotContain(SHARED);
        }
        assertThat(archives(cds)).isEmpty();
    }

    private ScalerhostProcess start(String name, Path cds, String setting) {
        return ScalerhostProcess.builder(distribution).name(name).config(CONFIG)
                .env("SCALERHOST_CDS", setting)
                .env("SCALERHOST_CDS_DIR", cds.toString())
                .env("SCALERHOST_JAVA_OPTS", "-Xlog:class+load=info")
                .start();
    }

    private static List<String> archives(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
