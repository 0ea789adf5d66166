package io.rdkafka.client.admin;

import io.rdkafka.client.errors.KafkaException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The outcome of an admin operation on several items (topics, resources, partitions, groups, ...): for
 * each item either a value or the typed {@link KafkaException} librdkafka reported for it. Items are in
 * the order of the request where librdkafka preserves it.
 *
 * <p>A failure of the whole request (timeout, no broker reachable, ...) fails the operation's future
 * instead; an {@code ItemResults} means the request was answered.
 *
 * @param <K> the item (e.g. a topic name)
 * @param <V> the value per item ({@link Void} with {@code null} values when there is nothing to report)
 */
public final class ItemResults<K, V> {
    private final Map<K, V> values;
    private final Map<K, KafkaException> errors;
    private final Set<K> keys;

    ItemResults(Map<K, V> values, Map<K, KafkaException> errors, Iterable<K> order) {
        LinkedHashMap<K, V> v = new LinkedHashMap<>();
        LinkedHashMap<K, KafkaException> e = new LinkedHashMap<>();
        java.util.LinkedHashSet<K> k = new java.util.LinkedHashSet<>();
        for (K key : order) if (values.containsKey(key) || errors.containsKey(key)) k.add(key);
        k.addAll(values.keySet());
        k.addAll(errors.keySet());
        for (K key : k) {
            if (errors.containsKey(key)) e.put(key, errors.get(key));
            else if (values.containsKey(key)) v.put(key, values.get(key));
        }
        this.values = Collections.unmodifiableMap(v);
        this.errors = Collections.unmodifiableMap(e);
        this.keys = Collections.unmodifiableSet(k);
    }

    /** {@return every item of the result, successful or not} */
    public Set<K> items() {
        return keys;
    }

    /** {@return the items that succeeded, with their values (values may be {@code null}, e.g. {@code Void})} */
    public Map<K, V> values() {
        return values;
    }

    /** {@return the items that failed, with the typed exception of each} */
    public Map<K, KafkaException> errors() {
        return errors;
    }

    /** {@return whether every item succeeded} */
    public boolean allSucceeded() {
        return errors.isEmpty();
    }

    /**
     * {@return whether the item succeeded}
     *
     * @param item the item
     */
    public boolean succeeded(K item) {
        return values.containsKey(item);
    }

    /**
     * {@return the item's error, or {@code null} when it succeeded}
     *
     * @param item the item
     */
    public KafkaException error(K item) {
        return errors.get(item);
    }

    /**
     * The item's value.
     *
     * @param item the item
     * @return its value
     * @throws KafkaException (the typed subclass) when the item failed
     * @throws java.util.NoSuchElementException when the result has no such item
     */
    public V get(K item) {
        KafkaException e = errors.get(item);
        if (e != null) throw e;
        if (!values.containsKey(item)) throw new NoSuchElementException("no result for " + item + "; items: " + keys);
        return values.get(item);
    }

    /**
     * All values, when every item succeeded.
     *
     * @return the values by item
     * @throws KafkaException the first item's error, the others attached as suppressed exceptions
     */
    public Map<K, V> all() {
        if (errors.isEmpty()) return values;
        KafkaException first = errors.values().iterator().next();
        synchronized (this) {
            if (!suppressedAttached) {
                suppressedAttached = true;
                for (KafkaException e : errors.values()) if (e != first) first.addSuppressed(e);
            }
        }
        throw first;
    }

    private boolean suppressedAttached;

    @Override
    public String toString() {
        return "ItemResults[values=" + values + ", errors=" + errors + "]";
    }
}
