package dev.scalerhost.host.config;

import dev.scalerhost.host.secrets.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${file:/path}} in scalar values;
 * {@code $${} stands for a literal {@code ${}. Problems name the variable or file, never a value.
 * Every value taken from the environment or a file is remembered as a {@link Secrets secret}, so
 * that no message shows it, whoever writes the message; defaults written in the file are not.
 */
final class Substitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * The outcome for one scalar.
     *
     * @param value       the expanded text, {@code null} if a substitution failed
     * @param substituted whether anything was substituted: such a value is secret
     */
    record Result(String value, boolean substituted) {
    }

    private final Function<String, String> env;
    private final Path baseDirectory;
    private final Problems problems;
    private final Unresolved unresolved;

    /**
     * @param env           the environment, e.g. {@code System::getenv}; returns {@code null} when unset
     * @param baseDirectory where relative {@code ${file:...}} paths resolve (the config file's directory)
     * @param problems      where problems go
     */
    Substitution(Function<String, String> env, Path baseDirectory, Problems problems) {
        this(env, baseDirectory, problems, null);
    }

    /**
     * @param unresolved where unset variables and missing files go instead of {@code problems},
     *                   each replaced by a stand-in; {@code null} to report them as problems
     */
    Substitution(Function<String, String> env, Path baseDirectory, Problems problems, Unresolved unresolved) {
        this.env = Objects.requireNonNull(env, "env");
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.unresolved = unresolved;
    }

    Result expand(String text, String path, Location location) {
        if (!text.contains("${")) {
            return new Result(text, false);
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean substituted = false;
        boolean failed = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    problems.add(path, location, "'${' without a closing '}': write '$${' for a literal '${'");
                    return new Result(null, false);
                }
                String value = resolve(text.substring(i + 2, end), path, location);
                if (value == null) {
                    failed = true;
                } else {
                    out.append(value);
                }
                substituted = true;
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return new Result(failed ? null : out.toString(), substituted);
    }

    private String resolve(String expression, String path, Location location) {
        if (expression.startsWith("file:")) {
            return readFile(expression.substring("file:".length()), path, location);
        }
        int separator = expression.indexOf(":-");
        String name = separator < 0 ? expression : expression.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            problems.add(path, location, "'${" + expression + "}' is not a valid substitution: use ${NAME}, "
                    + "${NAME:-default} or ${file:/path}, or '$${' for a literal '${'");
            return null;
        }
        String value = env.apply(name);
        if (separator >= 0 && (value == null || value.isEmpty())) {
            return expression.substring(separator + 2);
        }
        if (value == null && unresolved != null) {
            unresolved.add(path, "environment variable " + name + " is not set here");
            return Unresolved.STAND_IN;
        }
        Secrets.remember(value);
        if (value == null) {
            problems.add(path, location, "environment variable " + name
                    + " is not set: set it, or give a default with ${" + name + ":-default}");
        }
        return value;
    }

    private String readFile(String name, String path, Location location) {
        if (name.isBlank()) {
            problems.add(path, location, "'${file:}' names no file: write ${file:/path/to/file}");
            return null;
        }
        Path file = baseDirectory.resolve(name);
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            Secrets.remember(content);
            if (content.endsWith("\r\n")) {
                return content.substring(0, content.length() - 2);
            }
            return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (NoSuchFileException e) {
            if (unresolved != null) {
                unresolved.add(path, "file " + file + " does not exist here");
                return Unresolved.STAND_IN;
            }
            problems.add(path, location, "file " + file + " (from ${file:" + name + "}) does not exist");
        } catch (IOException | RuntimeException e) {
            problems.add(path, location, "cannot read file " + file + " (from ${file:" + name + "}): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return null;
    }
}
