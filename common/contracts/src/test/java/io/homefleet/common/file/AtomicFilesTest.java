package io.homefleet.common.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void anExistingFileIsNeverReplacedAndANewOneIsOwnerOnly(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("controller.yaml");
        assertTrue(AtomicFiles.writeSecretIfAbsent(target, "first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertFalse(AtomicFiles.writeSecretIfAbsent(target, "second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temp file is left behind");
        }
    }

    @Test
    void racingWritersLeaveExactlyOneWholeFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("seed");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String content = ("writer-" + i + "-").repeat(1000);
            results.add(pool.submit(() -> {
                go.await();
                return AtomicFiles.writeSecretIfAbsent(target, content.getBytes(StandardCharsets.UTF_8));
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> r : results) {
            winners += r.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, winners);
        String written = Files.readString(target);
        assertTrue(written.matches("(writer-\\d-){1000}") && written.equals(written.substring(0, 9).repeat(1000)),
                "the file is one writer's whole content");
    }
}
