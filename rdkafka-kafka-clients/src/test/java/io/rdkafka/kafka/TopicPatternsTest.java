package io.rdkafka.kafka;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Java patterns as librdkafka's regular expressions. */
class TopicPatternsTest {
    @Test
    void anchorsBothEndsAndTranslatesQuoting() {
        assertEquals("^(orders-.*)$", TopicPatterns.toLibrdkafka(Pattern.compile("orders-.*")).pattern());
        assertEquals("^(orders-.*)$", TopicPatterns.toLibrdkafka(Pattern.compile("^orders-.*$")).pattern());
        assertEquals("^(a\\.b\\(1\\)-[xy])$",
                TopicPatterns.toLibrdkafka(Pattern.compile(Pattern.quote("a.b(1)") + "-[xy]")).pattern());
    }

    @Test
    void theTranslationMatchesWhatJavaMatches() {
        Pattern java = Pattern.compile(Pattern.quote("t.1") + "-[ab]");
        Pattern translated = TopicPatterns.toLibrdkafka(java);
        for (String topic : new String[]{"t.1-a", "t.1-b", "t.1-ab", "tx1-a", "xt.1-a"}) {
            assertEquals(java.matcher(topic).matches(), translated.matcher(topic).find(), topic);
        }
    }

    @Test
    void flagsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> TopicPatterns.toLibrdkafka(Pattern.compile("x", Pattern.CASE_INSENSITIVE)));
    }
}
