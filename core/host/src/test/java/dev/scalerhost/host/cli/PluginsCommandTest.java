package dev.scalerhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.scalerhost.host.plugin.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PluginsCommandTest {

    @TempDir
    Path plugins;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger hostLogger = (Logger) LoggerFactory.getLogger("dev.scalerhost.host");

    @BeforeEach
    void captureTheHostsLog() {
        logged.start();
        hostLogger.addAppender(logged);
    }

    @AfterEach
    void detach() {
        hostLogger.detachAppender(logged);
    }

    private int plugins(String... args) {
        Environment environment = new Environment(Map.of(), plugins.getParent(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        return Main.run(args, environment);
    }

    @Test
    void printsTheTableOnceAndLogsNothingThatRepeatsIt() throws Exception {
        TestJars.jar().source("com.acme.ConstantProvider", TestJars.constantProvider("com.acme.ConstantProvider", "constant", 1))
                .service("com.acme.ConstantProvider").writeTo(plugins.resolve("constant/constant.jar"));
        Files.createDirectories(plugins.resolve("empty"));

        int exit = plugins("plugins", "--plugins-dir", plugins.toString());

        assertThat(exit).as("a plugin failed to load").isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                plugins directory: %s
                PLUGIN    TYPES     STATUS
                constant  constant  ok
                empty     -         FAILED: no jar files in %s; a plugin directory holds the plugin's jar and its dependencies
                """.formatted(plugins, plugins.resolve("empty")));
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void aMissingDirectoryIsSaidOnceAndFails() {
        Path missing = plugins.resolve("absent");

        assertThat(plugins("plugins", "--plugins-dir", missing.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("plugins directory: " + missing + "\n"
                + "plugins directory " + missing + " does not exist; no plugins loaded\n");
        assertThat(logged.list).isEmpty();
    }
}
