package dev.scalerhost.plugin.starter;

import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code type: files}: how many files wait in a directory, e.g. a spool or inbox that workers drain.
 *
 * <p>Source keys: {@code root}, an absolute directory under which every binding's directory lies.
 * Binding keys: {@code directory} (relative to {@code root}) and {@code glob} (default {@code *}).
 */
public final class FilesSourceProvider implements MetricSourceProvider {

    @Override
    public String type() {
        return "files";
    }

    @Override
    public int spiVersion() {
        // A compile-time constant: the value of the SPI jar this plugin was compiled against.
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigKey> sourceKeys() {
        return FilesKeys.SOURCE;
    }

    @Override
    public List<ConfigKey> bindingKeys() {
        return FilesKeys.BINDING;
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        String root = settings.string("root");
        if (root == null) {
            return null;
        }
        Path path;
        try {
            path = Path.of(root);
        } catch (InvalidPathException e) {
            settings.problem("root", "is not a valid path: " + e.getReason());
            return null;
        }
        if (!path.isAbsolute()) {
            settings.problem("root", "must be an absolute path, got '" + root + "'");
            return null;
        }
        // A missing directory is not a configuration problem: it may be mounted later, and then
        // each measurement reports it.
        return new FilesSource(path.normalize(), context.metrics());
    }
}
