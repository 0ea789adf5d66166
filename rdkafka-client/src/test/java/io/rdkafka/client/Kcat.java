package io.rdkafka.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** kcat (librdkafka's own command-line client) as an independent reader for the integration tests. */
final class Kcat {
    private Kcat() {
    }

    /** One record as kcat printed it. */
    record Line(int partition, long offset, long timestamp, String key, String headers, String value) {
    }

    static boolean available() {
        try {
            return new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** Every record of {@code topic} from the beginning to the current end, with extra -X properties. */
    static List<Line> readAll(String bootstrap, String topic, String... props) throws Exception {
        assumeTrue(available(), "kcat is not installed (apt-get install kcat)");
        List<String> cmd = new ArrayList<>(List.of("kcat", "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e",
                "-q", "-f", "%p\u0001%o\u0001%T\u0001%k\u0001%h\u0001%s\u0002"));
        for (String p : props) {
            cmd.add("-X");
            cmd.add(p);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kcat failed: exit " + p.exitValue());
        }
        List<Line> lines = new ArrayList<>();
        for (String rec : out.split("\u0002")) {
            if (rec.isBlank()) continue;
            String[] f = rec.split("\u0001", -1);
            lines.add(new Line(Integer.parseInt(f[0].trim()), Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f[4], f[5]));
        }
        return lines;
    }
}
