package dev.scalerhost.host.config;

import java.util.List;

/**
 * A configuration file that cannot be used. The message is the whole report: the file, the number
 * of problems and one line per problem.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(String file, List<ConfigProblem> problems) {
        super(report(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String report(String file, List<ConfigProblem> problems) {
        StringBuilder out = new StringBuilder(file).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        problems.forEach(p -> out.append("\n  ").append(p.render()));
        return out.toString();
    }
}
