package org.largelr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public or protected type, method and constructor of the public API has a Javadoc comment. The check is
 * javac's own doclint ({@code -Xdoclint:missing/protected}), run on the sources, so it sees exactly what javadoc
 * would: members of package-private classes are not API, and a method that overrides inherits its comment.
 * Only "no comment" counts here (a missing {@code @param} is not a failure).
 *
 * <p>The packages checked are {@link #PACKAGES} (and their subpackages), or those listed, comma-separated, in
 * the system property {@code largelr.javadoc.packages} (e.g. {@code org.largelr.api} alone, while writing it).
 */
class PublicApiJavadocTest {
    /** Checked by default: everything (every package is documented since redesign's a2eed46 + face). */
    static final List<String> PACKAGES = List.of("org.largelr");

    static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void everyPublicMemberHasJavadoc() throws IOException {
        String property = System.getProperty("largelr.javadoc.packages", "");
        List<String> packages = property.isBlank() ? PACKAGES : Arrays.stream(property.split(",")).map(String::trim).toList();
        List<String> missing = missingComments(SOURCES, packages);
        assertEquals(List.of(), missing, missing.size() + " public members without Javadoc in " + packages);
    }

    /** The check finds an undocumented public method, and only that, in a class written to have exactly one. */
    @Test
    void theCheckCanFail(@TempDir Path dir) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("probe"));
        Files.writeString(pkg.resolve("Probe.java"), String.join("\n",
                "package probe;",
                "/** A probe. */",
                "public class Probe {",
                "    /** Made. */",
                "    public Probe() {}",
                "    public void undocumented() {}",
                "    /** Documented. */",
                "    public void documented() {}",
                "    @Override public String toString() { return \"\"; }",
                "    void packagePrivate() {}",
                "}",
                "class Hidden { public void notApi() {} }", ""));
        List<String> missing = missingComments(dir, List.of("probe"));
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(missing.get(0).contains("Probe.java:6"), missing.toString());
    }

    /** "file:line: message" for each missing comment in the packages' sources under {@code root}. */
    static List<String> missingComments(Path root, List<String> packages) throws IOException {
        List<File> files = new ArrayList<>();
        for (String p : packages) {
            Path dir = root.resolve(p.replace('.', File.separatorChar));
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no package " + p + " under " + root.toAbsolutePath());
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).forEach(files::add);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> found = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("largelr-javadoc-walk");
        try (StandardJavaFileManager fm = javac.getStandardFileManager(found, Locale.ROOT, StandardCharsets.UTF_8)) {
            // -implicit:none: classes the checked sources use come from the class path, and are not checked.
            // --add-modules: core.VectorPass compiles against the Vector API, as in pom.xml.
            List<String> options = List.of("-proc:none", "-implicit:none", "-Xdoclint:missing/protected",
                    "--add-modules", "jdk.incubator.vector",
                    "-Xmaxwarns", "100000", "-Xmaxerrs", "100", "-encoding", "UTF-8", "-d", out.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            Boolean compiled = javac.getTask(null, fm, found, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
            List<String> errors = found.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).toList();
            assertTrue(compiled && errors.isEmpty(), "the sources must compile for the check: " + errors);
        } finally {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
            }
        }
        return found.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                .filter(d -> {
                    String m = d.getMessage(Locale.ROOT);
                    return m.contains("no comment") || m.contains("does not provide a comment");
                })
                .map(d -> root.toAbsolutePath().relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .sorted().collect(Collectors.toList());
    }
}
