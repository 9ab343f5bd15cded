package dev.scalerhost.host.config;

import java.util.Map;
import java.util.Set;

/**
 * The host's real {@link NodeSettings} over plain Java values, for tests of the host and of plugins
 * (from the host's test jar): what a plugin reads from them is checked as from a file.
 */
public final class TestSettings {

    private TestSettings() {
    }

    /** Settings at {@code path} holding {@code values}, with their own {@link NodeSettings#problems()}. */
    public static NodeSettings fromMap(String path, Map<String, ?> values) {
        return new NodeSettings(path, JavaValues.map(values), new Problems(), Set.of());
    }
}
