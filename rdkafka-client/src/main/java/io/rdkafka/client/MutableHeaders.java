package io.rdkafka.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The headers of a record being sent, as its {@link Serializer}s see them: the record's {@link Headers}, to which a
 * serializer may add headers (a schema id, a content type) or from which it may remove them before the record is
 * sent. The producer sends what the headers are after the key and then the value serializer ran.
 *
 * <p>Copy on write: until the first change it reads the record's immutable {@link Headers} without copying them. Not
 * thread-safe; one instance serves one send.
 */
public final class MutableHeaders implements Iterable<Header> {
    private final Headers initial;
    /** Null until the first change; then the headers in order. */
    private List<Header> changed;

    /** Headers that start empty. */
    public MutableHeaders() {
        this(Headers.empty());
    }

    /**
     * Headers that start as {@code initial}.
     *
     * @param initial the headers to start from (not changed: they are immutable)
     * @throws NullPointerException when {@code initial} is null
     */
    public MutableHeaders(Headers initial) {
        this.initial = Objects.requireNonNull(initial, "initial headers");
    }

    private List<Header> list() {
        return changed != null ? changed : initial.asList();
    }

    private List<Header> forChange() {
        if (changed == null) changed = new ArrayList<>(initial.asList());
        return changed;
    }

    /**
     * Adds a header at the end (names may repeat, as in Kafka).
     *
     * @param key   the header's name
     * @param value the value, or {@code null}
     * @return these headers
     * @throws NullPointerException when {@code key} is null
     */
    public MutableHeaders add(String key, byte[] value) {
        return add(new Header(key, value));
    }

    /**
     * Adds a header at the end.
     *
     * @param header the header
     * @return these headers
     * @throws NullPointerException when {@code header} is null
     */
    public MutableHeaders add(Header header) {
        Objects.requireNonNull(header, "header");
        forChange().add(header);
        return this;
    }

    /**
     * Removes every header with this name.
     *
     * @param key the name
     * @return these headers
     * @throws NullPointerException when {@code key} is null
     */
    public MutableHeaders remove(String key) {
        Objects.requireNonNull(key, "header key");
        boolean any = false;
        for (Header h : list()) {
            if (h.key().equals(key)) {
                any = true;
                break;
            }
        }
        if (any) forChange().removeIf(h -> h.key().equals(key));
        return this;
    }

    /**
     * {@return the last header with this name, or null (as Kafka's {@code lastHeader})}
     *
     * @param key the name
     */
    public Header lastHeader(String key) {
        List<Header> l = list();
        for (int i = l.size() - 1; i >= 0; i--) {
            if (l.get(i).key().equals(key)) return l.get(i);
        }
        return null;
    }

    /**
     * {@return every header with this name, in order}
     *
     * @param key the name
     */
    public List<Header> headers(String key) {
        Objects.requireNonNull(key, "header key");
        return list().stream().filter(h -> h.key().equals(key)).toList();
    }

    /** {@return the headers now, in order (an unmodifiable snapshot)} */
    public List<Header> asList() {
        return changed == null ? initial.asList() : List.copyOf(changed);
    }

    /** {@return how many headers there are} */
    public int size() {
        return list().size();
    }

    /** {@return whether there are none} */
    public boolean isEmpty() {
        return list().isEmpty();
    }

    /** {@return whether a header was added or removed since these headers were made} */
    public boolean isChanged() {
        return changed != null;
    }

    /** {@return the headers now, immutable: the initial {@link Headers} themselves when nothing changed} */
    public Headers toHeaders() {
        return changed == null ? initial : Headers.of(changed);
    }

    @Override
    public Iterator<Header> iterator() {
        return Collections.unmodifiableList(list()).iterator();
    }

    @Override
    public String toString() {
        return list().toString();
    }
}
