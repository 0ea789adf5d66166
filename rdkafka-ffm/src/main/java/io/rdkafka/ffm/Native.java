package io.rdkafka.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Resolution of librdkafka's symbols into downcall handles; used by the generated bindings. */
final class Native {
    private Native() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle FAIL;

    static {
        try {
            FAIL = MethodHandles.lookup().findStatic(Native.class, "fail",
                    MethodType.methodType(Object.class, java.util.function.Supplier.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A downcall handle for {@code name}; when the library or the symbol is missing, a handle of the same
     * type that throws a clear exception on every call (class initialisation never fails).
     */
    static MethodHandle downcall(String name, String since, FunctionDescriptor descriptor, boolean critical) {
        MethodType type = descriptor.toMethodType();
        Optional<MemorySegment> address;
        try {
            address = RdKafkaLibrary.lookup().find(name);
        } catch (RuntimeException loadFailure) {
            return throwing(type, () -> loadFailure);
        }
        if (address.isEmpty()) {
            return throwing(type, () -> missing(name, since));
        }
        return critical
                ? LINKER.downcallHandle(address.get(), descriptor, Linker.Option.critical(false))
                : LINKER.downcallHandle(address.get(), descriptor);
    }

    static UnsupportedOperationException missing(String name, String since) {
        return new UnsupportedOperationException(name + " is not available in the loaded librdkafka "
                + RdKafkaLibrary.versionString() + (since != null
                ? "; it needs librdkafka " + since + " or newer"
                : "; it is not exported by this build of the library"));
    }

    private static MethodHandle throwing(MethodType type, java.util.function.Supplier<RuntimeException> error) {
        // a fresh exception per call, so stack traces point at the caller
        MethodHandle thrower = MethodHandles.insertArguments(FAIL, 0, error);
        MethodHandle typed = thrower.asType(MethodType.methodType(type.returnType()));
        return MethodHandles.dropArguments(typed, 0, type.parameterList());
    }

    @SuppressWarnings("unused")
    private static Object fail(java.util.function.Supplier<RuntimeException> error) {
        throw error.get();
    }

    /** Downcall exceptions are unchecked in practice; wraps anything checked so callers need no throws. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException("unexpected exception from a native call", t);
    }

    private record VariadicKey(String name, List<MemoryLayout> layouts) {
    }

    private static final ConcurrentHashMap<VariadicKey, MethodHandle> VARIADIC = new ConcurrentHashMap<>();

    /** Calls a variadic C function: one cached downcall handle per shape of variadic arguments. */
    static Object invokeVariadic(String name, String since, FunctionDescriptor fixed, Varargs varargs,
                                 Object... fixedArgs) {
        List<MemoryLayout> layouts = varargs.layouts();
        MethodHandle mh = VARIADIC.computeIfAbsent(new VariadicKey(name, layouts), k -> {
            MemorySegment address = RdKafkaLibrary.lookup().find(name).orElseThrow(() -> missing(name, since));
            FunctionDescriptor full = fixed.appendArgumentLayouts(layouts.toArray(MemoryLayout[]::new));
            return LINKER.downcallHandle(address, full,
                    Linker.Option.firstVariadicArg(fixed.argumentLayouts().size()));
        });
        Object[] all = new Object[fixedArgs.length + layouts.size()];
        System.arraycopy(fixedArgs, 0, all, 0, fixedArgs.length);
        System.arraycopy(varargs.values(), 0, all, fixedArgs.length, layouts.size());
        try {
            return mh.invokeWithArguments(all);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
