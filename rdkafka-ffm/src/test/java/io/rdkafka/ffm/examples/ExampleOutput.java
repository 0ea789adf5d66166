package io.rdkafka.ffm.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs an example's {@code run(args, out, err)} and keeps what it printed. */
record ExampleOutput(int status, String out, String err) {

    interface Example {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    static ExampleOutput run(Example example, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = example.run(args, o, e);
        }
        return new ExampleOutput(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    long errLinesStartingWith(String prefix) {
        return err.lines().filter(l -> l.startsWith(prefix)).count();
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
}
