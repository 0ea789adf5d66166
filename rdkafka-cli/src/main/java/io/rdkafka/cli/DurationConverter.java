package io.rdkafka.cli;

import picocli.CommandLine;

import java.time.Duration;

/** Durations as {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h}, a bare number of milliseconds, or ISO-8601. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String s) {
        return parse(s);
    }

    static Duration parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("p")) return Duration.parse(s.trim().toUpperCase(java.util.Locale.ROOT));
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            if (t.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            if (t.endsWith("m")) return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            if (t.endsWith("h")) return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3600));
            return Duration.ofMillis(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a duration (e.g. 500ms, 20s, 5m)");
        }
    }
}
