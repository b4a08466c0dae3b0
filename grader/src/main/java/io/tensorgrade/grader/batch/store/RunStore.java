package io.tensorgrade.grader.batch.store;

import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.batch.input.ClassSubmission;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A regrade's run store: one SQLite database in the run folder (WAL), the single source of
 * truth of a run; every other file of the run folder is derived from it. Each graded submission is one
 * transaction, so a grader killed at any moment leaves every finished submission and nothing half-written.
 * One process at a time: the run folder is locked while the store is open. Thread-safe.
 */
public final class RunStore implements AutoCloseable {

    /** The store's file name in the run folder. */
    public static final String FILE = "tensorgrade-run.sqlite";
    static final String FORMAT = "tensorgrade-run-store";
    static final String SCHEMA = "1";
    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String LOCK = ".tensorgrade-run.lock";
    /** Run folders open in this JVM: a file lock does not stop a second open by the same process. */
    private static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path folder;
    private final Connection db;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunStore(Path file, Path folder, Connection db, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.folder = folder;
        this.db = db;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the store of {@code runDir}, creating the folder and the store when they do not exist. Refuses, and
     * leaves untouched, a store file that is not a tensorgrade store and a folder that holds other files but no
     * store; refuses a folder another regrade has open.
     */
    public static RunStore open(Path runDir) {
        Path file = runDir.resolve(FILE);
        boolean exists = Files.exists(file);
        if (!exists) {
            refuseForeignFolder(runDir);
        } else {
            checkHeader(file);
        }
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new GraderException("Cannot create the run folder " + runDir + ": " + e.getMessage(), e);
        }
        Path folder = runDir.toAbsolutePath().normalize();
        if (!OPEN.add(folder)) {
            throw busy(runDir);
        }
        Path lockFile = runDir.resolve(LOCK);
        boolean lockExisted = Files.exists(lockFile);
        FileChannel channel = null;
        Connection db = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw busy(runDir);
            }
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            RunStore store = new RunStore(file, folder, db, channel, lock);
            store.prepare(exists && Files.size(file) > 0);
            return store;
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(db);
            closeQuietly(channel);
            OPEN.remove(folder);
            if (!lockExisted) {
                try {
                    Files.deleteIfExists(lockFile);  // a refused folder is left as it was
                } catch (IOException ignored) {
                    // an empty lock file is harmless
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new GraderException("Cannot open the run store " + file + ": " + e.getMessage(), e);
        }
    }

    private static GraderException busy(Path runDir) {
        return new GraderException("Another tensorgrade regrade is using " + runDir + " right now; wait for it to"
                + " finish (or stop it) and run this again.");
    }

    /**
     * Opens the store of an existing run folder (for {@code regrade report}, {@code diff}); a folder without one is
     * a GraderException that says how a run folder is made.
     */
    public static RunStore openExisting(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve(FILE))) {
            throw new GraderException(runDir + " is not a run folder: it has no " + FILE + " (tensorgrade regrade"
                    + " --rubric R INPUT --out " + runDir + " makes one).");
        }
        return open(runDir);
    }

    private static void refuseForeignFolder(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            if (Files.exists(runDir)) {
                throw new GraderException("The run folder " + runDir + " is a file; choose a folder for --out.");
            }
            return;
        }
        try (var list = Files.list(runDir)) {
            List<String> others = list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(LOCK)).sorted()
                    .limit(3).toList();
            if (!others.isEmpty()) {
                throw new GraderException("The run folder " + runDir + " holds other files (" + String.join(", ",
                        others) + ", ...) but no tensorgrade run store (" + FILE + "); it was left as it is. Choose"
                        + " a new or empty folder for --out.");
            }
        } catch (IOException e) {
            throw new GraderException("Cannot read the run folder " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static void checkHeader(Path file) {
        byte[] head = new byte[SQLITE_MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new GraderException("Cannot read the run store " + file + ": " + e.getMessage(), e);
        }
        if (n > 0 && (n < head.length || !Arrays.equals(head, SQLITE_MAGIC))) {
            throw new GraderException(file + " is not a tensorgrade run store (not an SQLite database); it was left"
                    + " as it is. Choose another folder for --out.");
        }
    }

    private void prepare(boolean existing) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            if (existing) {
                checkFormat(s);
            }
            s.execute("PRAGMA journal_mode = WAL");
            // NORMAL with WAL: a committed submission survives a killed or crashed grader; a power cut may lose the
            // last few commits but never the database's consistency (those submissions are graded again).
            s.execute("PRAGMA synchronous = NORMAL");
        }
        if (!existing) {
            transaction(() -> {
                try (Statement s = db.createStatement()) {
                    s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                    s.execute("CREATE TABLE roster(student TEXT PRIMARY KEY, position INTEGER NOT NULL, folder TEXT"
                            + " NOT NULL, submitters TEXT NOT NULL, submitted_at TEXT, gradescope_score REAL,"
                            + " content_hash TEXT NOT NULL)");
                    s.execute("CREATE TABLE grades(student TEXT PRIMARY KEY, content_hash TEXT NOT NULL, status TEXT"
                            + " NOT NULL, reason TEXT NOT NULL, warnings TEXT NOT NULL, millis INTEGER NOT NULL,"
                            + " graded_at TEXT NOT NULL)");
                    s.execute("CREATE TABLE parts(student TEXT NOT NULL, part TEXT NOT NULL, content_hash TEXT NOT"
                            + " NULL, part_hash TEXT NOT NULL, grader_version TEXT NOT NULL, result TEXT NOT NULL,"
                            + " PRIMARY KEY(student, part))");
                }
                putMeta("format", FORMAT);
                putMeta("schema", SCHEMA);
                putMeta("created_at", Instant.now().toString());
            });
        }
    }

    private void checkFormat(Statement s) throws SQLException {
        String format;
        try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'format'")) {
            format = r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new GraderException(file + " is an SQLite database but not a tensorgrade run store (" + e.getMessage()
                    + "); it was left as it is. Choose another folder for --out.");
        }
        if (!FORMAT.equals(format)) {
            throw new GraderException(file + " is an SQLite database but not a tensorgrade run store (its format is "
                    + (format == null ? "missing" : "'" + format + "'") + "); it was left as it is. Choose another"
                    + " folder for --out.");
        }
        String schema = meta("schema").orElse("?");
        if (!SCHEMA.equals(schema)) {
            throw new GraderException(file + " is a tensorgrade run store of schema " + schema + "; this grader reads"
                    + " schema " + SCHEMA + ". Use a new folder for --out.");
        }
    }

    /** The store file. */
    public Path file() {
        return file;
    }

    /** A value of the run's metadata (the assignment, the rubric snapshot, the last run's command). */
    public synchronized Optional<String> meta(String key) {
        try (PreparedStatement q = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Sets values of the run's metadata, in one transaction. */
    public synchronized void putMeta(Map<String, String> values) {
        transaction(() -> {
            for (var e : values.entrySet()) {
                putMeta(e.getKey(), e.getValue());
            }
        });
    }

    /** The rubric the outputs are written for (the latest run's). */
    public Optional<RubricSnapshot> rubric() {
        return meta("rubric").map(StoreJson::rubric);
    }

    /** Records the rubric of this run (see {@link #rubric()}). */
    public void putRubric(RubricSnapshot rubric) {
        putMeta(Map.of("rubric", StoreJson.rubric(rubric), "assignment", rubric.assignment()));
    }

    /** Replaces the roster with the class as this run found it, in one transaction. */
    public synchronized void replaceRoster(List<RosterEntry> roster) {
        transaction(() -> {
            try (Statement s = db.createStatement()) {
                s.execute("DELETE FROM roster");
            }
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO roster VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (RosterEntry e : roster) {
                    ClassSubmission c = e.submission();
                    ins.setString(1, c.student());
                    ins.setInt(2, position++);
                    ins.setString(3, c.dir().toString());
                    ins.setString(4, StoreJson.submitters(c.submitters()));
                    ins.setString(5, c.submittedAt() == null ? null : c.submittedAt().toString());
                    if (c.gradescopeScore() == null) {
                        ins.setNull(6, java.sql.Types.REAL);
                    } else {
                        ins.setDouble(6, c.gradescopeScore());
                    }
                    ins.setString(7, e.contentHash());
                    ins.executeUpdate();
                }
            }
        });
    }

    /** The class as the latest run found it, in roster order. */
    public synchronized List<RosterEntry> roster() {
        List<RosterEntry> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT student, folder, submitters, submitted_at, gradescope_score,"
                     + " content_hash FROM roster ORDER BY position")) {
            while (r.next()) {
                String at = r.getString(4);
                double score = r.getDouble(5);
                Double gs = r.wasNull() ? null : score;
                out.add(new RosterEntry(new ClassSubmission(r.getString(1), Path.of(r.getString(2)),
                        StoreJson.submitters(r.getString(3)), at == null ? null : Instant.parse(at), gs),
                        r.getString(6)));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
        return out;
    }

    /** Every graded submission, by student. */
    public synchronized Map<String, StoredGrade> grades() {
        Map<String, Map<String, StoredPart>> parts = new HashMap<>();
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT student, part, content_hash, part_hash, grader_version, result"
                    + " FROM parts")) {
                while (r.next()) {
                    parts.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).put(r.getString(2),
                            new StoredPart(StoreJson.part(r.getString(6)), r.getString(3), r.getString(4),
                                    r.getString(5)));
                }
            }
            Map<String, StoredGrade> out = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("SELECT student, content_hash, status, reason, warnings, millis FROM"
                    + " grades ORDER BY student")) {
                while (r.next()) {
                    String student = r.getString(1);
                    out.put(student, new StoredGrade(student, r.getString(2), SubmissionStatus.fromLabel(
                            r.getString(3)), r.getString(4), StoreJson.stringList(r.getString(5)), r.getLong(6),
                            parts.getOrDefault(student, Map.of())));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Saves a graded submission (its row and every part given), in one transaction. */
    public synchronized void save(StoredGrade grade) {
        transaction(() -> {
            try (PreparedStatement g = db.prepareStatement("INSERT OR REPLACE INTO grades VALUES (?, ?, ?, ?, ?, ?,"
                    + " ?)")) {
                g.setString(1, grade.student());
                g.setString(2, grade.contentHash());
                g.setString(3, grade.status().label());
                g.setString(4, grade.reason());
                g.setString(5, StoreJson.stringList(grade.warnings()));
                g.setLong(6, grade.millis());
                g.setString(7, Instant.now().toString());
                g.executeUpdate();
            }
            try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO parts VALUES (?, ?, ?, ?, ?, ?)")) {
                for (StoredPart part : grade.parts().values()) {
                    p.setString(1, grade.student());
                    p.setString(2, part.result().partId());
                    p.setString(3, part.contentHash());
                    p.setString(4, part.partHash());
                    p.setString(5, part.graderVersion());
                    p.setString(6, StoreJson.part(part.result()));
                    p.executeUpdate();
                }
            }
        });
    }

    /** Closes the database and releases the run folder. */
    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // nothing is pending: every write was its own committed transaction
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
        closeQuietly(lockChannel);
        OPEN.remove(folder);
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void transaction(Work work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void putMeta(String key, String value) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    private GraderException failure(String what, SQLException e) {
        return new GraderException("Cannot " + what + " the run store " + file + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a refused or failed store: nothing was written
            }
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a lock file cannot lose anything
            }
        }
    }
}
