package dev.scalerhost.plugin.starter;

import dev.scalerhost.spi.ConfigKey;
import java.util.List;

/** The keys of a {@code files} source and binding. */
final class FilesKeys {

    static final List<ConfigKey> SOURCE = List.of(
            ConfigKey.string("root", "An absolute directory under which every binding's directory lies.").asRequired());

    static final List<ConfigKey> BINDING = List.of(
            ConfigKey.string("directory", "The directory whose files are counted, relative to root.").asRequired(),
            ConfigKey.string("glob", "Which files count.").withDefault("*"));

    private FilesKeys() {
    }
}
