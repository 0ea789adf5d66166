package io.rdkafka.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Upcall stubs that can never let a Throwable escape into native code (which would terminate the JVM):
 * every Throwable is handed to the exception handler and C receives a zero result.
 */
public final class Upcalls {
    private Upcalls() {
    }

    private static final System.Logger LOG = System.getLogger("io.rdkafka.ffm.upcall");

    private static volatile BiConsumer<String, Throwable> handler =
            (callback, t) -> LOG.log(System.Logger.Level.ERROR, "exception in librdkafka callback " + callback, t);

    /**
     * Sets who hears about a Throwable thrown by Java code called from C; the default logs it at ERROR on
     * {@code System.Logger} {@code io.rdkafka.ffm.upcall}.
     *
     * @param h receives the callback's name and the Throwable; what it throws is dropped
     */
    public static void setExceptionHandler(BiConsumer<String, Throwable> h) {
        handler = Objects.requireNonNull(h, "handler");
    }

    private static final MethodHandle REPORT;

    static {
        try {
            REPORT = MethodHandles.lookup().findStatic(Upcalls.class, "report",
                    MethodType.methodType(void.class, String.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private static void report(String callback, Throwable t) {
        try {
            handler.accept(callback, t);
        } catch (Throwable ignored) {
            // the handler itself failed; nothing safe is left to do but drop it
        }
    }

    /**
     * Allocates an upcall stub in {@code arena} calling the single abstract method of {@code iface} on
     * {@code target}, guarded by {@link #guard}.
     *
     * @param iface        a functional interface whose method matches {@code descriptor}
     * @param target       the implementation C calls
     * @param descriptor   the C function type
     * @param arena        where the stub lives: keep it open while C may call it
     * @param callbackName the name reported to the exception handler
     * @param <T>          the interface type
     * @return the stub, a C function pointer
     * @throws IllegalArgumentException when {@code iface} does not match {@code descriptor}
     */
    public static <T> MemorySegment stub(Class<T> iface, T target, FunctionDescriptor descriptor, Arena arena,
                                         String callbackName) {
        Objects.requireNonNull(target, "callback");
        Method sam = Arrays.stream(iface.getMethods())
                .filter(m -> java.lang.reflect.Modifier.isAbstract(m.getModifiers()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(iface + " has no abstract method"));
        MethodType type = descriptor.toMethodType();
        MethodHandle mh;
        try {
            mh = MethodHandles.publicLookup().findVirtual(iface, sam.getName(), type).bindTo(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("callback type " + iface.getName() + " does not match " + descriptor, e);
        }
        return Linker.nativeLinker().upcallStub(guard(mh, callbackName), descriptor, arena);
    }

    /**
     * Wraps {@code mh} so that any Throwable is reported to the exception handler and a zero value of its
     * return type ({@code NULL} for a pointer) is returned.
     *
     * @param mh           the method handle C will call
     * @param callbackName the name reported to the exception handler
     * @return the guarded handle, of the same type
     */
    public static MethodHandle guard(MethodHandle mh, String callbackName) {
        MethodType type = mh.type();
        Class<?> rt = type.returnType();
        // handler(Throwable, args...) -> report, then zero
        MethodHandle reportThis = MethodHandles.insertArguments(REPORT, 0, callbackName);
        MethodHandle zero = rt == void.class ? MethodHandles.empty(MethodType.methodType(void.class))
                : rt == MemorySegment.class ? MethodHandles.constant(MemorySegment.class, MemorySegment.NULL)
                : MethodHandles.zero(rt);
        MethodHandle onError = MethodHandles.foldArguments(
                MethodHandles.dropArguments(zero, 0, Throwable.class),
                reportThis);
        onError = MethodHandles.dropArguments(onError, 1, type.parameterList());
        return MethodHandles.catchException(mh, Throwable.class, onError);
    }
}
