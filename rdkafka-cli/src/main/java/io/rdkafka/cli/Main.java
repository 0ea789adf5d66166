package io.rdkafka.cli;

import io.rdkafka.client.errors.ConfigException;
import io.rdkafka.client.errors.KafkaException;
import io.rdkafka.ffm.RdKafkaLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code rdkafka <tool> ...}: the command-line tools of rdkafka-java. Every tool exits 0 on success and
 * non-zero with a one-line message on stderr on failure (2 for usage errors).
 */
@Command(name = "rdkafka", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        usageHelpAutoWidth = true, separator = " ", showDefaultValues = true,
        description = "Kafka command-line tools over librdkafka (rdkafka-java).")
public final class Main implements Runnable {
    /**
     * The tools, made on demand: picocli reads every option annotation of a command it is given, and building all
     * of them (admin's nested commands above all) cost ~0.2 s of CPU at every start. A run names its tool first, so
     * only that one is built; usage help and unknown names get all of them.
     */
    private static final Map<String, Supplier<Object>> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("complex-consumer", ComplexConsumerCommand::new);
        TOOLS.put("producer", ProducerCommand::new);
        TOOLS.put("datagen", DatagenCommand::new);
        TOOLS.put("perf", PerfCommand::new);
        TOOLS.put("admin", AdminCommand::new);
        TOOLS.put("demo", DemoCommand::new);
    }

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
        return commandLine(args.length > 0 ? args[0] : null).execute(args);
    }

    /** The command line with every tool. */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line with only {@code tool} when it names one, else with every tool and {@code help}. */
    static CommandLine commandLine(String tool) {
        CommandLine cl = new CommandLine(new Main());
        // subcommands first: the settings below reach the subcommands present when they are made
        if (tool != null && TOOLS.containsKey(tool)) {
            cl.addSubcommand(tool, TOOLS.get(tool).get());
        } else {
            TOOLS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
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
