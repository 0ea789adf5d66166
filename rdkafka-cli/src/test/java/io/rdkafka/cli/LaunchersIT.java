package io.rdkafka.cli;

import io.rdkafka.testkit.KafkaCluster;
import io.rdkafka.testkit.KafkaTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scripts a user runs: bin/rdkafka, bin/complex-consumer (JVM flags, class-data sharing, no stray
 * output) and bin/demo's bounded run. RDKAFKA_CLI_NO_BUILD keeps them from running Maven inside the build.
 */
@Tag("once") // runs on the system's librdkafka only (bin/test): the launch scripts and JVM flags, the same whatever library is loaded
@KafkaTest
class LaunchersIT {
    private static final Map<String, String> ENV = Map.of("RDKAFKA_CLI_NO_BUILD", "1",
            "JAVA_HOME", System.getProperty("java.home"));

    static Cli.Result script(byte[] stdin, Duration timeout, String script, String... args) {
        List<String> cmd = new ArrayList<>(Cli.signalReset());
        cmd.add(Cli.HOME.resolve("bin").resolve(script).toString());
        cmd.addAll(List.of(args));
        return Cli.start(cmd, ENV, stdin).await(timeout);
    }

    @Test
    void launchersRunTheToolsWithNothingButTheirOutput(KafkaCluster cluster) {
        Cli.Result v = script(null, Duration.ofSeconds(60), "rdkafka", "--version");
        assertEquals(0, v.exit(), v.describe());
        assertTrue(v.stdout().startsWith("rdkafka-java "), v.stdout());
        assertEquals(3, v.stdout().lines().count(), v.stdout());
        assertEquals("", v.stderr());

        String topic = "launch-raw";
        cluster.createTopic(topic, 1, 1);
        byte[] input = "first\nsecond, with a comma\n{\"json\": true}\n".getBytes(StandardCharsets.UTF_8);
        Cli.Result p = script(input, Duration.ofSeconds(60), "rdkafka", "producer", "-t", topic, "-q",
                "-b", cluster.bootstrapServers());
        assertEquals(0, p.exit(), p.describe());
        // twice: the first run writes the class list, the second dumps the class-data archive and maps it; neither may print
        for (int i = 0; i < 2; i++) {
            Cli.Result c = script(null, Duration.ofSeconds(60), "complex-consumer", "-e", "-A", "-q", "-g", "launch-" + i,
                    "-X", "auto.offset.reset=earliest", "-b", cluster.bootstrapServers(), topic);
            assertEquals(0, c.exit(), c.describe());
            assertEquals(new String(input, StandardCharsets.UTF_8), c.stdout());
            assertFalse(c.stderr().contains("warning") || c.stderr().contains("WARNING"), c.stderr());
        }
        assertTrue(Files.exists(Cli.HOME.resolve("rdkafka-cli/target/rdkafka-cli-" + Runtime.version().feature() + "-complex-consumer.jsa")),
                "class-data-sharing archive");

        Cli.Result help = script(null, Duration.ofSeconds(60), "complex-consumer", "-h");
        assertEquals(0, help.exit(), help.describe());
        assertTrue(help.stdout().matches("(?s).*-g +<group>.*") && help.stdout().contains("rdkafka_consumer_example"), help.stdout());
    }

    @Test
    void demoBoundedRunStartsABrokerFeedsAndConsumesThenCleansUp() {
        Cli.Result r = script(null, Duration.ofSeconds(240), "demo", "--duration", "15s");
        assertEquals(0, r.exit(), r.describe());
        Matcher m = Pattern.compile("demo: the consumer exited with status 0 after consuming (\\d+) record\\(s\\)")
                .matcher(r.stderr());
        assertTrue(m.find(), r.stderr());
        assertTrue(Integer.parseInt(m.group(1)) > 0, r.stderr());
        assertTrue(r.stderr().contains("topic transactions with 5 partitions"), r.stderr());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("{\"transaction_id\":")), r.stdout());
        assertTrue(r.stderr().contains("demo: stopping the local broker"), r.stderr());
        Matcher dir = Pattern.compile("log in (\\S+)/datagen\\.log").matcher(r.stderr());
        assertTrue(dir.find(), r.stderr());
        assertFalse(Files.exists(Path.of(dir.group(1))), "work directory removed");
    }
}
