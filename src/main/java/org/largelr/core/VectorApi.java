package org.largelr.core;

/**
 * Whether the Vector API (the incubating module {@code jdk.incubator.vector}) is in this JVM: only when it was
 * started with {@code --add-modules jdk.incubator.vector}. A class that uses the API is loaded only after this says
 * yes, so a JVM without the flag (a notebook kernel, {@code java -jar}) runs the plain loops and never fails.
 */
public final class VectorApi {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorApi() {}

    /** True when {@code jdk.incubator.vector} is in the boot layer. */
    public static boolean available() {
        return AVAILABLE;
    }
}
