package io.rdkafka.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** The ordered headers of a record; names may repeat, values may be null. Immutable. */
public final class Headers implements Iterable<Header> {
    private static final Headers EMPTY = new Headers(List.of());

    private final List<Header> headers;

    private Headers(List<Header> headers) {
        this.headers = headers;
    }

    /** {@return no headers} */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * {@return these headers, in order}
     *
     * @param headers the headers
     */
    public static Headers of(Header... headers) {
        return headers.length == 0 ? EMPTY : new Headers(List.of(headers));
    }

    /**
     * {@return these headers, in order (the list is copied)}
     *
     * @param headers the headers
     */
    public static Headers of(List<Header> headers) {
        return headers.isEmpty() ? EMPTY : new Headers(Collections.unmodifiableList(new ArrayList<>(headers)));
    }

    /**
     * These headers plus one more at the end.
     *
     * @param key   the header's key
     * @param value the header's value, or {@code null}
     * @return new headers
     */
    public Headers with(String key, byte[] value) {
        List<Header> l = new ArrayList<>(headers);
        l.add(new Header(key, value));
        return new Headers(Collections.unmodifiableList(l));
    }

    /**
     * {@return the last header with this name, or null (as Kafka's {@code lastHeader})}
     *
     * @param key the name
     */
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) return headers.get(i);
        }
        return null;
    }

    /**
     * {@return every header with this name, in order}
     *
     * @param key the name
     */
    public List<Header> headers(String key) {
        Objects.requireNonNull(key);
        return headers.stream().filter(h -> h.key().equals(key)).toList();
    }

    /** {@return the headers, in order (unmodifiable)} */
    public List<Header> asList() {
        return headers;
    }

    /** {@return how many headers there are} */
    public int size() {
        return headers.size();
    }

    /** {@return whether there are none} */
    public boolean isEmpty() {
        return headers.isEmpty();
    }

    @Override
    public Iterator<Header> iterator() {
        return headers.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.headers.equals(headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
