package io.rdkafka.ffm;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trailing arguments of a variadic C call such as {@code rd_kafka_producev}, typed as C's default
 * argument promotions require: {@code int} (enums, {@code int32_t}, anything narrower), {@code int64_t}
 * / {@code size_t} / {@code ssize_t}, {@code double}, pointers. Not thread-safe; reusable only as a whole.
 *
 * <pre>{@code
 * RdKafka.rd_kafka_producev(rk, Varargs.create()
 *     .i32(RD_KAFKA_VTYPE_TOPIC).ptr(topic)
 *     .i32(RD_KAFKA_VTYPE_VALUE).ptr(value).i64(value.byteSize())
 *     .i32(RD_KAFKA_VTYPE_MSGFLAGS).i32(RD_KAFKA_MSG_F_COPY)
 *     .i32(RD_KAFKA_VTYPE_END));
 * }</pre>
 */
public final class Varargs {
    private final List<MemoryLayout> layouts = new ArrayList<>();
    private Object[] values = new Object[8];

    private Varargs() {
    }

    /** {@return an empty argument list} */
    public static Varargs create() {
        return new Varargs();
    }

    private Varargs add(MemoryLayout layout, Object value) {
        if (layouts.size() == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[layouts.size()] = value;
        layouts.add(layout);
        return this;
    }

    /**
     * Appends an {@code int}, enum or narrower integer argument.
     *
     * @param v the value
     * @return this list
     */
    public Varargs i32(int v) {
        return add(ValueLayout.JAVA_INT, v);
    }

    /**
     * Appends an {@code int64_t}, {@code size_t} or {@code ssize_t} argument.
     *
     * @param v the value
     * @return this list
     */
    public Varargs i64(long v) {
        return add(ValueLayout.JAVA_LONG, v);
    }

    /**
     * Appends a {@code double} (or promoted {@code float}) argument.
     *
     * @param v the value
     * @return this list
     */
    public Varargs f64(double v) {
        return add(ValueLayout.JAVA_DOUBLE, v);
    }

    /**
     * Appends a pointer argument.
     *
     * @param v the pointer; {@code null} or {@link MemorySegment#NULL} for {@code NULL}
     * @return this list
     */
    public Varargs ptr(MemorySegment v) {
        return add(ValueLayout.ADDRESS, v == null ? MemorySegment.NULL : v);
    }

    List<MemoryLayout> layouts() {
        return List.copyOf(layouts);
    }

    Object[] values() {
        return values;
    }

    /** {@return how many arguments were appended} */
    public int count() {
        return layouts.size();
    }
}
