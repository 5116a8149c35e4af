package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Two clean {@code mvn package} builds of an example, checked out in two different directories,
 * give byte-identical DLLs, with the default sysroot (sniper) and with a time from
 * {@code SOURCE_DATE_EPOCH} or {@code project.build.outputTimestamp}.
 */
class ReproducibleBuildIT {

    @Test
    void helloFromTwoCheckoutsIsTheSameDll() throws Exception {
        ExternalTools.requireBuildTools();
        TestProject a = TestProject.copyExampleAs("hello", "reproducible/a/hello");
        TestProject b = TestProject.copyExampleAs("hello", "reproducible/checkout-in-a-longer-directory/hello");

        a.mvnPackage().assertSuccess();
        b.mvnPackage().assertSuccess();

        byte[] dll = Files.readAllBytes(a.resolve("target/hello.dll"));
        assertThat(dll).isEqualTo(Files.readAllBytes(b.resolve("target/hello.dll")));
        String text = new String(dll, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(a.directory().toString()).doesNotContain("/.cache/winebuild-j");
    }

    @Test
    void cppHelloFromTwoCheckoutsWithAConfiguredTimeIsTheSameDll() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.gxx();
        TestProject a = TestProject.copyExampleAs("cpp-hello", "reproducible/a/cpp-hello");
        TestProject b = TestProject.copyExampleAs("cpp-hello", "reproducible/b-elsewhere/cpp-hello");

        a.mvn(java.util.List.of("package"), Map.of(), Map.of("SOURCE_DATE_EPOCH", "1700000000"), true).assertSuccess();
        b.mvn(java.util.List.of("package"), Map.of("project.build.outputTimestamp", "2023-11-14T22:13:20Z"), Map.of(),
                true).assertSuccess();

        byte[] dll = Files.readAllBytes(a.resolve("target/cpp_hello.dll"));
        assertThat(dll).isEqualTo(Files.readAllBytes(b.resolve("target/cpp_hello.dll")));
        assertThat(new String(dll, StandardCharsets.ISO_8859_1)).doesNotContain(a.directory().toString());
        // the NT header's TimeDateStamp: 1700000000 = 0x6553F100, little-endian
        assertThat(indexOf(dll, new byte[] {0x64, (byte) 0x86, 0, 0, 0x00, (byte) 0xF1, 0x53, 0x65}))
                .as("machine, section count and TimeDateStamp of the NT header").isPositive();
    }

    @Test
    void rustHelloFromTwoCheckoutsIsTheSameDll() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.cargo();
        TestProject a = TestProject.copyExampleAs("rust-hello", "reproducible/a/rust-hello");
        TestProject b = TestProject.copyExampleAs("rust-hello", "reproducible/b-elsewhere/rust-hello");

        a.mvnPackage().assertSuccess();
        b.mvnPackage().assertSuccess();

        byte[] dll = Files.readAllBytes(a.resolve("target/rust_hello.dll"));
        assertThat(dll).isEqualTo(Files.readAllBytes(b.resolve("target/rust_hello.dll")));
        assertThat(new String(dll, StandardCharsets.ISO_8859_1)).doesNotContain(a.directory().toString());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
