package dev.scalerhost.demo;

import dev.scalerhost.demo.LakerunnerConfig.QueueBinding;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lakerunner's work queue in motion: items are inserted per task in waves, workers claim them
 * ({@code claimed_by} set, highest priority first, {@code SKIP LOCKED}) slowly while work swells and
 * fast afterwards, and complete them a second later; one in fifty fails and stays behind as
 * {@code failed}, which the host must not count. Failed items are cleared after a minute.
 */
final class QueueWorkload implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(QueueWorkload.class);
    private static final String INSERT = """
            INSERT INTO work_queue (task_name, priority)
            SELECT ?, (random() * 3)::int FROM generate_series(1, ?)""";
    private static final String CLAIM = """
            UPDATE work_queue SET claimed_by = ?, claimed_at = now()
            WHERE id IN (SELECT id FROM work_queue
                         WHERE task_name = ? AND claimed_by = -1 AND NOT failed
                         ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED)""";
    private static final String FAIL_SOME = """
            UPDATE work_queue SET failed = true, claimed_by = -1
            WHERE claimed_by <> -1 AND claimed_at < now() - interval '1 second' AND random() < 0.02""";
    private static final String COMPLETE = """
            DELETE FROM work_queue WHERE claimed_by <> -1 AND claimed_at < now() - interval '1 second'""";
    private static final String CLEAR_FAILED = """
            DELETE FROM work_queue WHERE failed AND claimed_at < now() - interval '1 minute'""";

    private final WorkQueueDatabase database;
    private final List<TaskFeed> feeds = new ArrayList<>();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Daemons.named("queue-workload"));
    private final FailureLog failures = new FailureLog(LOG);
    private final long startNanos = System.nanoTime();
    private Connection connection;

    private QueueWorkload(WorkQueueDatabase database, List<QueueBinding> bindings) {
        this.database = Objects.requireNonNull(database, "database");
        for (int i = 0; i < bindings.size(); i++) {
            QueueBinding binding = bindings.get(i);
            feeds.add(new TaskFeed(binding, Wave.staggered(i, bindings.size(), binding.target()), 1000L + i));
        }
    }

    /** Starts inserting, claiming and completing work items for every binding's task. */
    static QueueWorkload start(WorkQueueDatabase database, List<QueueBinding> bindings) {
        QueueWorkload workload = new QueueWorkload(database, bindings);
        long tick = TICK.toMillis();
        workload.scheduler.scheduleWithFixedDelay(workload::step, 0, tick, TimeUnit.MILLISECONDS);
        return workload;
    }

    private void step() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        try {
            Connection db = connection();
            for (TaskFeed feed : feeds) {
                feed.step(db, elapsed);
            }
            try (Statement statement = db.createStatement()) {
                statement.executeUpdate(FAIL_SOME);
                statement.executeUpdate(COMPLETE);
                statement.executeUpdate(CLEAR_FAILED);
            }
        } catch (SQLException | RuntimeException e) {
            failures.failed("working the queue in " + database.jdbcUrl(), e);
            closeConnection();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(database.jdbcUrl(), database.writerUser(), database.writerPassword());
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the work queue connection: {}", e.toString());
            }
            connection = null;
        }
    }

    /** Stops the workers and the inserts and closes the connection. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }

    /** One task: its arrivals and its workers' claims. */
    private static final class TaskFeed {
        private final QueueBinding binding;
        private final Wave wave;
        private final long workerId;
        private final RateBudget arrivals = new RateBudget();
        private final RateBudget claims = new RateBudget();

        TaskFeed(QueueBinding binding, Wave wave, long workerId) {
            this.binding = binding;
            this.wave = wave;
            this.workerId = workerId;
        }

        void step(Connection db, Duration elapsed) throws SQLException {
            arrivals.accrue(wave.arrivalRate(elapsed), TICK);
            long inserts = arrivals.take(Long.MAX_VALUE);
            if (inserts > 0) {
                try (PreparedStatement insert = db.prepareStatement(INSERT)) {
                    insert.setString(1, binding.taskName());
                    insert.setLong(2, inserts);
                    insert.executeUpdate();
                }
            }
            claims.accrue(wave.consumeRate(elapsed), TICK);
            long claimable = claims.take(Long.MAX_VALUE);
            if (claimable > 0) {
                try (PreparedStatement claim = db.prepareStatement(CLAIM)) {
                    claim.setLong(1, workerId);
                    claim.setString(2, binding.taskName());
                    claim.setLong(3, claimable);
                    claim.executeUpdate();
                }
            }
        }
    }
}
