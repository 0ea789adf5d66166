package io.rdkafka.client.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What Linux says about this process: librdkafka's threads and the resident set size. */
final class ProcStats {
    private ProcStats() {
    }

    /** Names of this process's threads that librdkafka started (it names them "rdk:main", "rdk:broker1", ...). */
    static List<String> rdkThreads() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(t.resolve("comm")).strip();
                    if (comm.startsWith("rdk:")) names.add(comm);
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** VmRSS of this process in KiB. */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** RSS after a full GC (and a moment for the allocator to return freed pages). */
    static long settledRssKb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rssKb();
    }

    /** Waits up to {@code ms} until librdkafka's thread count is at most {@code max}; returns the last count. */
    static int awaitRdkThreadsAtMost(int max, long ms) {
        long deadline = System.nanoTime() + ms * 1_000_000;
        int n;
        while ((n = rdkThreads().size()) > max && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return n;
    }
}
