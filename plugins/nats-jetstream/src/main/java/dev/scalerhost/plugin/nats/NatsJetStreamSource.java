package dev.scalerhost.plugin.nats;

import dev.scalerhost.plugin.support.FailureLog;
import dev.scalerhost.plugin.support.http.Answers;
import dev.scalerhost.plugin.support.http.HttpEndpoint;
import dev.scalerhost.plugin.support.http.HttpFetcher;
import dev.scalerhost.plugin.support.http.RequestFailedException;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SourceMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag from one NATS server's monitoring endpoint: one {@code /jsz?consumers=true} request per
 * refresh for every binding of the source. In a cluster a replica's counts can trail the leader's, so,
 * as KEDA does, a consumer led by another server is read from that server's {@code /jsz}, addressed as
 * {@code <leader>.<host>:<port>} (a StatefulSet behind a headless service): one more request per leading
 * server, never per binding. The server's own name comes from {@code /varz}, once per connection.
 */
final class NatsJetStreamSource implements MetricSource {

    private static final Pattern SERVER_NAME = Pattern.compile("\"server_name\"\\s*:\\s*\"([^\"]*)\"");

    private final URI url;
    private final HttpFetcher fetcher;
    private final SourceMetrics metrics;
    private final FailureLog failures;
    private volatile String serverName;

    NatsJetStreamSource(URI url, SSLContext tls, SourceContext context) {
        this.url = url;
        this.fetcher = new HttpFetcher(new HttpEndpoint(url, Map.of(), tls, List.of()),
                "scalerhost-" + context.sourceName());
        this.metrics = context.metrics();
        this.failures = new FailureLog(LoggerFactory.getLogger(context.loggerName()));
    }

    @Override
    public Metric prepare(Settings params) {
        return ConsumerMetric.read(params);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws NatsUnavailableException {
        List<ConsumerMetric> consumers = batch.stream().map(ConsumerMetric.class::cast).toList();
        Set<String> accounts = consumers.stream().map(ConsumerMetric::account).collect(Collectors.toSet());
        String query = "/jsz?consumers=true&" + (accounts.size() == 1
                ? "acc=" + URLEncoder.encode(accounts.iterator().next(), StandardCharsets.UTF_8) : "accounts=true");
        JetStreamState state;
        try {
            if (serverName == null) {
                Matcher name = SERVER_NAME.matcher(get(url, "/varz", deadline));
                serverName = name.find() ? name.group(1) : "";
            }
            state = JetStreamState.parse(get(url, query, deadline));
        } catch (NatsUnavailableException e) {
            serverName = null;
            metrics.count("request_errors_total", 1);
            failures.failed("NATS at " + describe(), e.getMessage());
            throw e;
        } catch (IOException e) {
            metrics.count("request_errors_total", 1);
            throw new NatsUnavailableException("the NATS monitoring endpoint " + describe()
                    + " answered /jsz with something that is not JetStream state: " + e.getMessage());
        }
        failures.succeeded("NATS at " + describe());
        Map<String, JetStreamState> leaders = new HashMap<>();
        Map<String, String> leaderFailures = new HashMap<>();
        Map<Metric, Reading> readings = new LinkedHashMap<>();
        for (ConsumerMetric metric : consumers) {
            Reading reading = reading(metric, state, query, leaders, leaderFailures, deadline);
            if (failures.record(metric.describe(), reading)) {
                metrics.count("binding_errors_total", 1);
            }
            readings.put(metric, reading);
        }
        return readings;
    }

    private Reading reading(ConsumerMetric metric, JetStreamState state, String query, Map<String, JetStreamState> leaders,
                            Map<String, String> leaderFailures, Deadline deadline) {
        String where = " on NATS " + describe();
        if (!state.hasAccount(metric.account())) {
            return Reading.failure("account '" + metric.account() + "' has no JetStream state" + where
                    + "; check account (NATS' default account is $G)");
        }
        if (!state.hasStream(metric.account(), metric.stream())) {
            return Reading.failure("stream '" + metric.stream() + "' does not exist" + accountText(metric) + where
                    + "; create it or fix stream");
        }
        JetStreamState.Consumer consumer = state.consumer(metric.account(), metric.stream(), metric.consumer());
        if (consumer == null) {
            List<String> names = new ArrayList<>();
            state.consumers(metric.account(), metric.stream()).forEach(names::add);
            names.sort(null);
            return Reading.failure("consumer '" + metric.consumer() + "' does not exist on stream '" + metric.stream() + "'"
                    + accountText(metric) + where + (names.isEmpty() ? ", which has no consumers" : "; its consumers: "
                    + String.join(", ", names)) + "; create the durable consumer or fix consumer");
        }
        String leader = consumer.leader();
        if (leader == null || leader.isEmpty() || serverName.isEmpty() || leader.equals(serverName)) {
            return Reading.of(consumer.lag());
        }
        if (!leaders.containsKey(leader) && !leaderFailures.containsKey(leader)) {
            URI leaderUrl = URI.create(url.getScheme() + "://" + leader + "." + url.getHost() + ":" + url.getPort());
            try {
                leaders.put(leader, JetStreamState.parse(get(leaderUrl, query, deadline)));
            } catch (NatsUnavailableException | IOException e) {
                leaderFailures.put(leader, e.getMessage());
            }
        }
        if (leaderFailures.containsKey(leader)) {
            return Reading.failure("the leader of consumer '" + metric.consumer() + "', server '" + leader
                    + "', could not be asked for its count: " + leaderFailures.get(leader));
        }
        JetStreamState.Consumer led = leaders.get(leader).consumer(metric.account(), metric.stream(), metric.consumer());
        return led == null
                ? Reading.failure("server '" + leader + "', named leader of consumer '" + metric.consumer()
                        + "', does not list it (leadership moving?)")
                : Reading.of(led.lag());
    }

    private static String accountText(ConsumerMetric metric) {
        return ConsumerMetric.GLOBAL_ACCOUNT.equals(metric.account()) ? "" : " in account '" + metric.account() + "'";
    }

    private String get(URI base, String pathAndQuery, Deadline deadline) throws NatsUnavailableException {
        String target = "the NATS monitoring endpoint " + base.getHost() + ":" + base.getPort();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = Answers.await(fetcher.get(URI.create(base + pathAndQuery),
                    "application/json", deadline, HttpResponse.BodyHandlers.ofString()), deadline, target,
                    "https".equals(base.getScheme()));
            if (response.statusCode() != 200) {
                String body = response.body() == null ? "" : response.body().strip();
                throw new NatsUnavailableException(target + " answered HTTP " + response.statusCode() + " to "
                        + pathAndQuery.replaceAll("\\?.*", "") + ": " + (body.length() > 200 ? body.substring(0, 200) : body));
            }
            return response.body();
        } catch (RequestFailedException e) {
            throw new NatsUnavailableException(e.getMessage());
        } finally {
            metrics.time("request_duration_seconds", Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public String describe() {
        return url.getHost() + ":" + url.getPort();
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
