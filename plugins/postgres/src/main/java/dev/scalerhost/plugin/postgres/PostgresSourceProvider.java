package dev.scalerhost.plugin.postgres;

import dev.scalerhost.plugin.support.DeclaredSourceProvider;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code type: postgres}: queue depth and other figures by SQL, over a small read-only pool.
 *
 * <p>Source keys: {@code jdbcUrl}, {@code username}, {@code password}, {@code sslmode},
 * {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code sslpassword}, {@code poolSize},
 * {@code connectionTimeout}, {@code statementTimeout}, {@code queries}. Binding keys: see
 * {@link BindingReader}.
 */
public final class PostgresSourceProvider extends DeclaredSourceProvider {

    public PostgresSourceProvider() {
        super("postgres", SpiVersion.CURRENT, PostgresKeys.SOURCE, PostgresKeys.BINDING);
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        SourceOptions options = SourceOptions.read(settings);
        ConnectionSpec spec = ConnectionSpec.read(settings, options.connectionTimeout());
        if (spec == null || settings.hasProblems()) {
            return null;
        }
        Logger log = LoggerFactory.getLogger(context.loggerName());
        ConnectionPool pool = ConnectionPool.create(context.sourceName(), spec, options, context.metrics());
        log.info("source {}: up to {} read-only connection(s) to {} as user {}, statement timeout {}ms, keyed queries {}",
                context.sourceName(), options.poolSize(), spec.address(), spec.username(),
                options.statementTimeout().toMillis(), options.queries().keySet());
        return new PostgresSource(context.sourceName(), spec, options, pool, context.metrics(), log);
    }
}
