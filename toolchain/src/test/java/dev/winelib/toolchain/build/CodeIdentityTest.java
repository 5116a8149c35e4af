package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity of the code a class was loaded from follows the content of its jar or class directory:
 * a rebuilt jar with other content (a snapshot of the same version) is other code.
 */
class CodeIdentityTest {

    @TempDir
    Path dir;

    private Path classFile;

    @BeforeEach
    void compileAClass() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path source = Files.writeString(dir.resolve("Probe.java"), "public class Probe { }\n");
        Files.createDirectories(dir.resolve("classes"));
        assertThat(javac.run(null, null, null, "-d", dir.resolve("classes").toString(), source.toString())).isZero();
        classFile = dir.resolve("classes/Probe.class");
    }

    private Path jar(String name, String extraEntry) throws Exception {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("Probe.class"));
            out.write(Files.readAllBytes(classFile));
            if (extraEntry != null) {
                out.putNextEntry(new JarEntry(extraEntry));
                out.write(1);
            }
        }
        return jar;
    }

    private static String identityOfProbeIn(Path location) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {location.toUri().toURL()}, null)) {
            return CodeIdentity.of(loader.loadClass("Probe"));
        }
    }

    /** The identity's content hash, without the location. */
    private static String hash(String identity) {
        return identity.substring(identity.lastIndexOf(' ') + 1);
    }

    @Test
    void jarsOfOtherContentAreOtherCode() throws Exception {
        String a = identityOfProbeIn(jar("a.jar", null));
        String b = identityOfProbeIn(jar("b.jar", "other.txt"));
        assertThat(a).startsWith("jar " + dir.resolve("a.jar"));
        assertThat(CodeIdentity.known(a)).isTrue();
        assertThat(hash(a)).isNotEqualTo(hash(b));
        // the same content elsewhere: the same code
        Path copy = Files.createDirectories(dir.resolve("copy"));
        String c = identityOfProbeIn(Files.copy(dir.resolve("a.jar"), copy.resolve("a.jar")));
        assertThat(hash(c)).isEqualTo(hash(a));
    }

    @Test
    void classDirectoriesOfOtherContentAreOtherCode() throws Exception {
        String first = identityOfProbeIn(dir.resolve("classes"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.copy(classFile, other.resolve("Probe.class"));
        try (OutputStream out = Files.newOutputStream(other.resolve("resource.txt"))) {
            out.write(2);
        }
        String second = identityOfProbeIn(other);
        assertThat(first).startsWith("classes ");
        assertThat(hash(first)).isNotEqualTo(hash(second));
    }

    @Test
    void severalClassesOfOneLocationAreOneLine() throws Exception {
        String both = CodeIdentity.of(CodeIdentity.class, Stamp.class);
        assertThat(both.lines()).hasSize(1);
        assertThat(CodeIdentity.of(CodeIdentity.class, List.class)).satisfies(s -> {
            // a class of the JDK has no file location: such code never keys a kept output
            assertThat(s.lines()).hasSize(2);
            assertThat(CodeIdentity.known(s)).isFalse();
        });
    }
}
