package io.rdkafka.cli;

import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.RdKafkaLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code rdkafka <tool> ...}: the command-line tools of rdkafka-java. Every tool exits 0 on success and
 * non-zero with a one-line message on stderr on failure (2 for usage errors).
 */
@Command(name = "rdkafka", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true, separator = " ", showDefaultValues = true,
        description = "Kafka command-line tools over librdkafka (rdkafka-java).",
        subcommands = {ComplexConsumerCommand.class, ProducerCommand.class, DatagenCommand.class,
                PerfCommand.class, AdminCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The top-level command; picocli creates it. */
    public Main() {
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a tool is required");
    }

    /**
     * Runs a tool and exits the JVM with its status.
     *
     * @param args the tool's name and its arguments, e.g. {@code producer --help}
     */
    public static void main(String[] args) {
        int status = run(args);
        System.out.flush();
        System.err.flush();
        Signals.done(status);
        System.exit(status);
    }

    /**
     * Runs a tool and returns its exit status, without exiting the JVM.
     *
     * @param args the tool's name and its arguments
     * @return 0 on success, 2 for a usage error, another non-zero status for other failures
     */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("demo")) {
            // every argument goes to bin/demo untouched, in order
            try {
                return DemoCommand.runScript(java.util.Arrays.asList(args).subList(1, args.length));
            } catch (CliException e) {
                System.err.println("error: " + e.getMessage());
                return e.exitCode();
            }
        }
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setPosixClusteredShortOptionsAllowed(true);
        cl.setSeparator(" ");
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println("error: " + ex.getMessage());
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            System.out.flush();
            err.println("error: " + describe(ex));
            err.flush();
            if (System.getenv("RDKAFKA_CLI_TRACE") != null) ex.printStackTrace(err);
            return ex instanceof CliException ce ? ce.exitCode() : 1;
        });
        return cl;
    }

    /** One line for any failure a tool lets escape. */
    static String describe(Throwable ex) {
        if (ex instanceof CliException) return ex.getMessage();
        if (ex instanceof ConfigException ce) return ce.getMessage();
        if (ex instanceof KafkaException ke) return ke.getMessage();
        if (ex instanceof RdKafkaLibrary.LibraryLoadException le) return le.getMessage();
        if (ex instanceof UnsupportedOperationException ue) return ue.getMessage();
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
