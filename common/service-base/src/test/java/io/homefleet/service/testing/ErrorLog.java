package io.homefleet.service.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what is logged at ERROR (SEVERE) anywhere while it is open, for tests that prove a refusal is answered
 * without an error in the log. Open with {@link #capture()}, close it (try-with-resources) when done.
 */
public final class ErrorLog extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private ErrorLog() {
    }

    public static ErrorLog capture() {
        ErrorLog log = new ErrorLog();
        Logger.getLogger("").addHandler(log);
        return log;
    }

    /** "logger: message" of every ERROR so far; empty when there was none. */
    public List<String> lines() {
        return records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
