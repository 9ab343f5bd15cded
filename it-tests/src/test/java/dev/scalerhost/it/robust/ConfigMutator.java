package dev.scalerhost.it.robust;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates a YAML document as a hurried operator or a broken template would: lines dropped, doubled,
 * swapped or re-indented, keys misspelt, scalars replaced by hostile values, garbage inserted, the
 * file cut short. One to three mutations per document.
 */
final class ConfigMutator {

    private static final List<String> VALUES = List.of("", "~", "-1", "0", "1e309", "NaN", ".inf", "-.inf",
            "[a, b]", "{x: 1}", "true", "'unterminated", "\"unterminated", "\"\\u0000\"", "${UNSET_VARIABLE}",
            "${file:/nonexistent/secret}", "${", "$${literal}", "&anchor 1", "*alias", "!!binary AA==", "!custom x",
            "9999999999999999999999", "0x1F", "1_000", "10ms", "-5s", "P1D", "\t", "ｐｏｓｔｇｒｅｓ", "e\u0301",
            "\u202Eevil", "😀", "x".repeat(5000), "|\n  block", ">-", "? complex", "- list item", "%TAG ! x", "---",
            "...", "@reserved", "`backtick", "key: value: again");

    private final SplittableRandom random;

    ConfigMutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    String mutate(String document) {
        List<String> lines = new ArrayList<>(document.lines().toList());
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(9)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                case 3 -> lines.set(at, random.nextBoolean() ? "  " + line : line.replaceFirst("^ {1,2}", ""));
                case 4 -> lines.set(at, misspellKey(line));
                case 5, 6 -> lines.set(at, replaceValue(line));
                case 7 -> lines.add(at, indentOf(line) + VALUES.get(random.nextInt(VALUES.size())));
                default -> {
                    String whole = String.join("\n", lines);
                    return whole.substring(0, random.nextInt(whole.length() + 1));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private String misspellKey(String line) {
        int colon = line.indexOf(':');
        int start = line.length() - line.stripLeading().length();
        if (colon <= start + 1) {
            return line;
        }
        int at = start + random.nextInt(colon - start);
        return random.nextBoolean()
                ? line.substring(0, at) + line.substring(at + 1)
                : line.substring(0, at) + (char) ('a' + random.nextInt(26)) + line.substring(at);
    }

    private String replaceValue(String line) {
        int colon = line.indexOf(": ");
        String value = VALUES.get(random.nextInt(VALUES.size()));
        return colon < 0 ? indentOf(line) + "- " + value : line.substring(0, colon + 2) + value;
    }

    private static String indentOf(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }
}
