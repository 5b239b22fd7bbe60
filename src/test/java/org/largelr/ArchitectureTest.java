package org.largelr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.largelr.api.GradientDescent;

/**
 * The layers of docs/architecture.md, read off the compiled classes: every type a class names (imports that are
 * used, fully qualified names, field and method types) stands in its constant pool. Outside {@code core} and
 * {@code api} no class names a core type; inside {@code api} only the classes allowed below name a kernel.
 */
class ArchitectureTest {
    /** The loops and kernels of core: buffers, lanes, the thread split, reference operations, the eigen-solver. */
    static final Set<String> KERNELS = Set.of("ScalarGd", "MatrixGd", "ScalarLanes", "Workspace", "Target", "ThreadSplit",
            "ReferenceOps", "Lanczos", "FactorizationHessian");

    /**
     * Who may name a kernel: the engine's door, and a factorization problem's sharpness, which is Lanczos on the
     * problem's own Hessian-vector product (no GD run).
     */
    static final Map<String, Set<String>> ALLOWED = Map.of("org/largelr/api/GradientDescent", KERNELS,
            "org/largelr/api/FactorizationProblem", Set.of("Lanczos"));

    private static final Pattern CORE_TYPE = Pattern.compile("org/largelr/core/([A-Za-z0-9_]+)");

    @Test
    void onlyTheEngineReachesTheKernelsAndOnlyTheFaceReachesCore() throws IOException, URISyntaxException {
        Map<String, Set<String>> uses = coreTypesNamed(classes());
        assertTrue(uses.containsKey("org/largelr/api/GradientDescent"), "found no compiled classes: " + uses.keySet());
        assertTrue(uses.get("org/largelr/api/GradientDescent").containsAll(Set.of("MatrixGd", "ScalarGd", "Workspace")),
                "the constant-pool reader misses GradientDescent's own kernels: " + uses.get("org/largelr/api/GradientDescent"));
        assertEquals(List.of(), violations(uses));
    }

    /** The check names the class and the type it should not use (a class written to break the rule). */
    @Test
    void theCheckCanFail() {
        Map<String, Set<String>> uses = Map.of("org/largelr/sweep/SweepPlan", Set.of("StopRule"),
                "org/largelr/api/Sweep", Set.of("StopRule", "ScalarLanes"), "org/largelr/api/GradientDescent", KERNELS,
                "org/largelr/api/FactorizationProblem", Set.of("Lanczos", "Workspace"));
        assertEquals(List.of("org/largelr/api/FactorizationProblem names kernel Workspace",
                "org/largelr/api/Sweep names kernel ScalarLanes", "org/largelr/sweep/SweepPlan names core type StopRule"),
                violations(uses));
    }

    static List<String> violations(Map<String, Set<String>> uses) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(uses).forEach((cls, types) -> {
            for (String t : new TreeSet<>(types)) {
                if (!cls.startsWith("org/largelr/core/") && !cls.startsWith("org/largelr/api/"))
                    out.add(cls + " names core type " + t);
                else if (cls.startsWith("org/largelr/api/") && KERNELS.contains(t)
                        && !ALLOWED.getOrDefault(cls, Set.of()).contains(t))
                    out.add(cls + " names kernel " + t);
            }
        });
        return out;
    }

    /** The main classes' files (target/classes, where GradientDescent was loaded from). */
    static List<Path> classes() throws IOException, URISyntaxException {
        Path root = Path.of(GradientDescent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), "expected the compiled classes as a directory, got " + root);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }

    /** Per top-level class (nested and synthetic classes count as their outer class): the core types it names. */
    static Map<String, Set<String>> coreTypesNamed(List<Path> files) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Path f : files) {
            List<String> strings;
            try (InputStream in = Files.newInputStream(f)) {
                strings = constantPoolStrings(in);
            }
            String name = className(f);
            String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            Set<String> named = out.computeIfAbsent(outer, k -> new TreeSet<>());
            for (String s : strings) {
                Matcher m = CORE_TYPE.matcher(s);
                while (m.find()) named.add(m.group(1));
            }
            if (outer.startsWith("org/largelr/core/")) named.clear();   // core may name itself
        }
        out.values().removeIf(Set::isEmpty);
        return out;
    }

    private static String className(Path f) {
        String file = f.toString().replace('\\', '/');
        int at = file.indexOf("org/largelr/");
        return file.substring(at, file.length() - ".class".length());
    }

    /** Every CONSTANT_Utf8 of a class file: class names, descriptors, signatures and string literals. */
    static List<String> constantPoolStrings(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());                          // Utf8
                case 3, 4 -> in.readInt();                                    // Integer, Float
                case 5, 6 -> {                                                // Long, Double: two slots
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();              // Class, String, MethodType, Module, Package
                case 9, 10, 11, 12, 17, 18 -> in.readInt();                   // refs, NameAndType, (Invoke)Dynamic
                case 15 -> {                                                  // MethodHandle
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant-pool tag " + tag);
            }
        }
        return strings;
    }
}
