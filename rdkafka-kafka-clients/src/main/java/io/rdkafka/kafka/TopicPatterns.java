package io.rdkafka.kafka;

import java.util.regex.Pattern;

/**
 * A {@link java.util.regex.Pattern} for {@code subscribe} as librdkafka's regular expression. KafkaConsumer matches
 * the whole topic name ({@code matcher(topic).matches()}); librdkafka finds the expression anywhere unless anchored,
 * so it gets {@code ^(...)$}. Java's literal quoting {@code \Q...\E} (what {@link Pattern#quote} makes), which
 * librdkafka's engine does not know, becomes backslash-escaped characters. Flags (e.g. CASE_INSENSITIVE) have no
 * counterpart and are refused.
 */
final class TopicPatterns {
    private static final String META = "\\.[]{}()*+?^$|";

    private TopicPatterns() {
    }

    static Pattern toLibrdkafka(Pattern p) {
        if (p.flags() != 0) {
            throw new IllegalArgumentException("subscribe(Pattern): flags have no counterpart in librdkafka's regular "
                    + "expressions; write them into the pattern (e.g. [Oo]rders) instead of " + p.flags());
        }
        String s = p.pattern();
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            int q = s.indexOf("\\Q", i);
            if (q < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, q);
            int e = s.indexOf("\\E", q + 2);
            String literal = e < 0 ? s.substring(q + 2) : s.substring(q + 2, e);
            for (char c : literal.toCharArray()) {
                if (META.indexOf(c) >= 0) out.append('\\');
                out.append(c);
            }
            i = e < 0 ? s.length() : e + 2;
        }
        String body = out.toString();
        if (body.startsWith("^")) body = body.substring(1);
        if (body.endsWith("$") && !body.endsWith("\\$")) body = body.substring(0, body.length() - 1);
        return Pattern.compile("^(" + body + ")$");
    }
}
