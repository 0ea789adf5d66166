package io.rdkafka.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the client's logs (librdkafka's, served from its log queue by the client's event thread) to
 * stderr, one line each in the style of librdkafka's examples:
 * {@code <seconds.millis> RDKAFKA-<syslog level>-<facility>: <client name>: <message>}.
 * With debug contexts every level is shown, else warnings and errors only.
 */
final class LogSetup {
    private LogSetup() {
    }

    private static final Logger BINDING = Logger.getLogger("io.rdkafka");

    static void configure(boolean debug) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        Handler h = new Handler() {
            private final PrintStream err = System.err;

            @Override
            public void publish(LogRecord r) {
                if (!isLoggable(r)) return;
                err.print(format(r));
                err.flush();
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        h.setLevel(Level.ALL);
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return LogSetup.format(r);
            }
        });
        root.addHandler(h);
        root.setLevel(Level.WARNING);
        BINDING.setLevel(debug ? Level.ALL : Level.WARNING);
    }

    static String format(LogRecord r) {
        long ms = r.getMillis();
        String msg = r.getMessage() == null ? "" : r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0) {
            try {
                msg = java.text.MessageFormat.format(msg, r.getParameters());
            } catch (IllegalArgumentException e) {
                // keep the raw message
            }
        }
        String fac = "JAVA";
        if (msg.startsWith("[")) {
            int end = msg.indexOf("] ");
            if (end > 0) {
                fac = msg.substring(1, end);
                msg = msg.substring(end + 2);
            }
        }
        String name = r.getLoggerName() == null ? "" : r.getLoggerName();
        if (name.startsWith("io.rdkafka.client.")) name = name.substring("io.rdkafka.client.".length());
        StringBuilder sb = new StringBuilder(80 + msg.length());
        sb.append(ms / 1000).append('.').append(String.format("%03d", ms % 1000))
                .append(" RDKAFKA-").append(syslogLevel(r.getLevel())).append('-').append(fac).append(": ")
                .append(name).append(": ").append(msg).append('\n');
        if (r.getThrown() != null) sb.append("  ").append(r.getThrown()).append('\n');
        return sb.toString();
    }

    private static int syslogLevel(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) return 3;
        if (v >= Level.WARNING.intValue()) return 4;
        if (v >= Level.INFO.intValue()) return 6;
        return 7;
    }
}
