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

    public static Headers empty() {
        return EMPTY;
    }

    public static Headers of(Header... headers) {
        return headers.length == 0 ? EMPTY : new Headers(List.of(headers));
    }

    public static Headers of(List<Header> headers) {
        return headers.isEmpty() ? EMPTY : new Headers(Collections.unmodifiableList(new ArrayList<>(headers)));
    }

    /** Headers plus one more at the end. */
    public Headers with(String key, byte[] value) {
        List<Header> l = new ArrayList<>(headers);
        l.add(new Header(key, value));
        return new Headers(Collections.unmodifiableList(l));
    }

    /** The last header with this name, or null (as Kafka's {@code lastHeader}). */
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) return headers.get(i);
        }
        return null;
    }

    /** Every header with this name, in order. */
    public List<Header> headers(String key) {
        Objects.requireNonNull(key);
        return headers.stream().filter(h -> h.key().equals(key)).toList();
    }

    public List<Header> asList() {
        return headers;
    }

    public int size() {
        return headers.size();
    }

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
