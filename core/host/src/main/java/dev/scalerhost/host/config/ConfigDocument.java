package dev.scalerhost.host.config;

import dev.scalerhost.spi.Settings;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One configuration file, read and substituted, with the problems found so far. Binding it
 * ({@link ConfigBinder}) adds to the same {@link #problems()}; so do the plugins through the
 * settings they are handed.
 */
public final class ConfigDocument {

    private final Path file;
    private final MapNode root;
    private final Problems problems;
    private final List<NodeSettings> pluginSettings = new CopyOnWriteArrayList<>();

    private ConfigDocument(Path file, MapNode root, Problems problems) {
        this.file = file;
        this.root = root;
        this.problems = problems;
    }

    /**
     * Reads {@code file}, expanding {@code ${...}} with {@code env} ({@code System::getenv} in
     * production; returns {@code null} for an unset variable). Relative {@code ${file:...}} paths
     * resolve against the file's directory.
     *
     * <p>Problems that leave a usable document (duplicate keys, failed substitutions) are kept in
     * {@link #problems()} so that they are reported with those found while binding.
     *
     * @throws ConfigException if the file is missing or unreadable, is not valid YAML, is empty or
     *                         its top level is not a map
     */
    public static ConfigDocument read(Path file, Function<String, String> env) throws ConfigException {
        return read(file, env, null);
    }

    /**
     * Reads {@code file} as {@link #read(Path, Function)} does, except that an unset variable
     * without a default and a missing {@code ${file:...}} go to {@code unresolved} with a stand-in
     * value instead of being problems (for validating a file without its run-time secrets).
     */
    public static ConfigDocument readUnresolvedAllowed(Path file, Function<String, String> env, Unresolved unresolved)
            throws ConfigException {
        return read(file, env, Objects.requireNonNull(unresolved, "unresolved"));
    }

    private static ConfigDocument read(Path file, Function<String, String> env, Unresolved unresolved)
            throws ConfigException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(env, "env");
        Problems problems = new Problems();
        Path directory = file.toAbsolutePath().getParent();
        YamlReader reader = new YamlReader(new Substitution(env, directory, problems, unresolved), problems);
        MapNode root = null;
        try {
            // Read whole first so that I/O and encoding errors are not mistaken for YAML syntax errors.
            root = reader.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            problems.add("", Location.UNKNOWN, "the file does not exist (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (CharacterCodingException e) {
            problems.add("", Location.UNKNOWN, "the file is not valid UTF-8 text");
        } catch (AccessDeniedException e) {
            problems.add("", Location.UNKNOWN, "the file is not readable by this process: check its permissions");
        } catch (IOException e) {
            problems.add("", Location.UNKNOWN, "cannot read the file: " + e);
        }
        if (root == null) {
            problems.throwIfAny(file);
        }
        return new ConfigDocument(file, root, problems);
    }

    /** The file as the caller named it (problems are reported against this name). */
    public Path file() {
        return file;
    }

    /** The top-level map. */
    public MapNode root() {
        return root;
    }

    /** The problems of this file so far. */
    public Problems problems() {
        return problems;
    }

    /**
     * Leaves {@code settings} (a source's or a serviceType's plugin settings from the bound
     * {@link HostConfig}) out of {@link Problems#addUnknownKeys}: call it when no plugin read them,
     * because the source's type has no plugin or its {@code open} failed, which is reported already.
     */
    public void skipUnknownKeyCheck(Settings settings) {
        pluginSettings.remove(settings);
    }

    /** Settings handed to plugins, whose unread keys {@link Problems#addUnknownKeys} reports. */
    List<NodeSettings> pluginSettings() {
        return List.copyOf(pluginSettings);
    }

    void registerPluginSettings(NodeSettings settings) {
        pluginSettings.add(settings);
    }
}
