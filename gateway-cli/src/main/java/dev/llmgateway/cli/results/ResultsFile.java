package dev.llmgateway.cli.results;

import dev.llmgateway.cli.errors.InvalidUsageException;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.GenerationResult;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output file of a batch: one {@code GenerationResult} per line, each written and flushed as
 * it arrives, so a crash loses nothing written. Opening it reads what earlier runs wrote (for an id
 * written twice the last line wins), drops a last line a crash cut short, and locks the file
 * against a second concurrent run. Closing it, when this run replaced earlier results, rewrites
 * the file with only the last line of each id (a new file renamed over the old one, so the file is
 * whole at every moment). Thread-safe.
 *
 * <p>All I/O goes through streams, not NIO channels: an interrupt (Ctrl-C ends a run by
 * interrupting it) would close a channel, and with it the file, under the threads still writing.
 */
public final class ResultsFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultsFile.class);

    private final Path path;
    private final RandomAccessFile file;
    private final FileLock lock;
    private final Writer writer;
    private final Map<String, Entry> entries;
    private long lines; // guarded by this: non-blank lines in the file, the index of the next one
    private long superseded; // guarded by this: lines whose id has a later line

    private ResultsFile(Path path, RandomAccessFile file, FileLock lock, Loaded loaded) throws IOException {
        this.path = path;
        this.file = file;
        this.lock = lock;
        this.entries = loaded.entries;
        this.lines = loaded.lines;
        this.superseded = loaded.superseded;
        file.seek(file.length());
        // writes at the file's position, through the same descriptor
        this.writer = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(file.getFD()), StandardCharsets.UTF_8));
    }

    /**
     * Opens (or creates) {@code path} and reads the results it holds.
     *
     * @throws InvalidUsageException if another run has it open, or a line is not a gateway result
     */
    public static ResultsFile open(Path path) throws IOException {
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        try {
            FileLock lock = tryLock(file, path);
            repairTail(file, path);
            return new ResultsFile(path, file, lock, load(file, path));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** What the file holds for {@code id}, or null. */
    public synchronized Prior prior(String id) {
        Entry entry = entries.get(id);
        return entry == null ? null : entry.prior;
    }

    /** How many distinct ids the file holds. */
    public synchronized int size() {
        return entries.size();
    }

    /** Appends one line and flushes it to the operating system before returning. */
    public synchronized void append(GenerationResult result) {
        try {
            writer.write(Json.write(result));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + path + ": " + e.getMessage(), e);
        }
        if (entries.put(result.id(), new Entry(Prior.of(result), lines)) != null) {
            superseded++;
        }
        lines++;
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            writer.flush();
            file.getFD().sync();
            if (superseded > 0) {
                compact();
            }
        } finally {
            try {
                lock.release();
            } finally {
                file.close();
            }
        }
    }

    /** Rewrites the file keeping the last line of each id. Called with the lock held. */
    private void compact() throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".compacting");
        file.seek(0);
        BufferedReader reader = reader(file);
        try (FileOutputStream bytes = new FileOutputStream(temporary.toFile());
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            long index = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                GenerationResult result = Json.mapper().readValue(line, GenerationResult.class);
                if (entries.get(result.id()).line == index) {
                    out.write(line);
                    out.write('\n');
                }
                index++;
            }
            out.flush();
            bytes.getFD().sync();
        }
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        superseded = 0;
    }

    private static FileLock tryLock(RandomAccessFile file, Path path) throws IOException {
        FileLock lock;
        try {
            lock = file.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new InvalidUsageException("--out " + path + " is in use by another run");
        }
        return lock;
    }

    /**
     * A last line without its newline was being written when a run stopped: kept (with its newline)
     * when it is a whole result, else cut off, so appending starts on a line of its own.
     */
    private static void repairTail(RandomAccessFile file, Path path) throws IOException {
        long size = file.length();
        if (size == 0 || byteAt(file, size - 1) == '\n') {
            return;
        }
        long start = size - 1;
        while (start > 0 && byteAt(file, start - 1) != '\n') {
            start--;
        }
        byte[] tail = new byte[(int) Math.min(size - start, Integer.MAX_VALUE - 8)];
        file.seek(start);
        file.readFully(tail);
        try {
            Json.mapper().readValue(new String(tail, StandardCharsets.UTF_8), GenerationResult.class);
            file.seek(size);
            file.write('\n');
        } catch (IOException | IllegalArgumentException cutShort) {
            LOG.warn("{}: dropping an incomplete last line ({} bytes) left by an interrupted run", path, size - start);
            file.setLength(start);
        }
    }

    private static int byteAt(RandomAccessFile file, long position) throws IOException {
        file.seek(position);
        return file.read();
    }

    private static Loaded load(RandomAccessFile file, Path path) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        long lines = 0;
        long superseded = 0;
        file.seek(0);
        BufferedReader reader = reader(file);
        String line;
        long physical = 0;
        while ((line = reader.readLine()) != null) {
            physical++;
            if (line.isBlank()) {
                continue;
            }
            GenerationResult result;
            try {
                result = Json.mapper().readValue(line, GenerationResult.class);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidUsageException("--out " + path + ": line " + physical
                        + " is not a result of an earlier run (" + e.getMessage().lines().findFirst().orElse("")
                        + "); give a new file, or the output of an earlier run of this batch");
            }
            if (entries.put(result.id(), new Entry(Prior.of(result), lines)) != null) {
                superseded++;
            }
            lines++;
        }
        return new Loaded(entries, lines, superseded);
    }

    /** Reads from the file's position on; not closed, as closing it would close the file. */
    private static BufferedReader reader(RandomAccessFile file) {
        InputStream bytes = new InputStream() {
            @Override
            public int read() throws IOException {
                return file.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return file.read(buffer, offset, length);
            }
        };
        return new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 1 << 16);
    }

    private record Loaded(Map<String, Entry> entries, long lines, long superseded) {
    }

    /** The id's result and the index of its last line. */
    private record Entry(Prior prior, long line) {
    }
}
