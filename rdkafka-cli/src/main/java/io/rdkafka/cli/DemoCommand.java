package io.rdkafka.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rdkafka demo}: the README's main job. The orchestration lives in {@code bin/demo} (a local broker,
 * datagen, complex-consumer with cooperative-sticky); this command runs that script with the same
 * arguments, so both entry points behave the same.
 */
@Command(name = "demo", mixinStandardHelpOptions = false, usageHelpAutoWidth = true,
        description = {"Runs the README's demo through bin/demo: a local single-node Kafka (unless -b is given), the "
                + "'transactions' topic with 5 partitions fed by datagen, and complex-consumer in group xoxo13 with "
                + "partition.assignment.strategy=cooperative-sticky, until Ctrl-C (or --duration).",
                "Every argument is passed to bin/demo; see 'bin/demo --help'."})
final class DemoCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "<arg>", description = "Arguments of bin/demo.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return runScript(args);
    }

    /** Runs bin/demo with {@code args}, sharing this process's terminal, and returns its status. */
    static int runScript(List<String> args) {
        Path home = home();
        Path script = home == null ? null : home.resolve("bin").resolve("demo");
        if (script == null || !Files.isExecutable(script)) {
            throw new CliException("bin/demo not found: run the demo from a checkout of rdkafka-java "
                    + "(set -Drdkafka.home=<checkout> or RDKAFKA_HOME)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.addAll(args);
        // Ctrl-C reaches the script through the terminal; this process only waits for its status
        Signals.install(() -> { });
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new CliException("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** The checkout: -Drdkafka.home, RDKAFKA_HOME, or three levels above this jar (rdkafka-cli/target/x.jar). */
    static Path home() {
        String h = System.getProperty("rdkafka.home");
        if (h == null || h.isBlank()) h = System.getenv("RDKAFKA_HOME");
        if (h != null && !h.isBlank()) return Path.of(h);
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path p = jar.getParent();
            for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("bin").resolve("demo"))) return p;
            }
        } catch (Exception e) {
            // unknown location
        }
        return null;
    }
}
