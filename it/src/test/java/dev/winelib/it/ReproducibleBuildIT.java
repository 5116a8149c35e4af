package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.winelib.toolchain.pe.PeFileReader;

/**
 * Two clean {@code mvn package} builds of an example, checked out in two different directories,
 * give byte-identical DLLs (and, for a unixlib module, Unix libraries), with the default sysroot
 * (sniper) and with a time from {@code SOURCE_DATE_EPOCH} or {@code project.build.outputTimestamp}.
 */
class ReproducibleBuildIT {

    /** 2023-11-14T22:13:20Z: the time of the builds that configure one. */
    private static final long TIME = 1_700_000_000L;

    /** The same example checked out in two directories. */
    private record TwoCheckouts(TestProject a, TestProject b) {

        static TwoCheckouts of(String example, String otherDirectory) throws Exception {
            return new TwoCheckouts(TestProject.copyExampleAs(example, "reproducible/a/" + example),
                    TestProject.copyExampleAs(example, "reproducible/" + otherDirectory + "/" + example));
        }

        /** Builds both without a configured time. */
        TwoCheckouts build() throws Exception {
            a.mvnPackage().assertSuccess();
            b.mvnPackage().assertSuccess();
            return this;
        }

        /**
         * Builds both at {@link #TIME}: the first with {@code SOURCE_DATE_EPOCH} in the environment,
         * the second with {@code project.build.outputTimestamp} as an ISO-8601 date.
         */
        TwoCheckouts buildAtTheConfiguredTime() throws Exception {
            a.mvn(List.of("package"), Map.of(), Map.of("SOURCE_DATE_EPOCH", Long.toString(TIME)), true)
                    .assertSuccess();
            b.mvn(List.of("package"), Map.of("project.build.outputTimestamp", "2023-11-14T22:13:20Z"), Map.of(), true)
                    .assertSuccess();
            return this;
        }

        /** The output file of both builds, checked to be the same bytes and to name neither checkout. */
        byte[] sameBytes(String output) throws Exception {
            byte[] bytes = Files.readAllBytes(a.resolve(output));
            assertThat(bytes).as(output).isEqualTo(Files.readAllBytes(b.resolve(output)));
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as(output)
                    .doesNotContain(a.directory().toString()).doesNotContain("/.cache/winebuild-j");
            return bytes;
        }
    }

    @Test
    void helloFromTwoCheckoutsIsTheSameDll() throws Exception {
        ExternalTools.requireBuildTools();
        TwoCheckouts built = TwoCheckouts.of("hello", "checkout-in-a-longer-directory").build();
        built.sameBytes("target/hello.dll");
        // and the files Windows programs link against
        built.sameBytes("target/libhello.a");
        built.sameBytes("target/hello.def");
    }

    @Test
    void cppHelloFromTwoCheckoutsWithAConfiguredTimeIsTheSameDll() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.gxx();
        byte[] dll = TwoCheckouts.of("cpp-hello", "b-elsewhere").buildAtTheConfiguredTime()
                .sameBytes("target/cpp_hello.dll");
        // the NT header's TimeDateStamp: 1700000000 = 0x6553F100, little-endian
        assertThat(indexOf(dll, new byte[] {0x64, (byte) 0x86, 0, 0, 0x00, (byte) 0xF1, 0x53, 0x65}))
                .as("machine, section count and TimeDateStamp of the NT header").isPositive();
    }

    @Test
    void rustHelloFromTwoCheckoutsIsTheSameDll() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.cargo();
        TwoCheckouts.of("rust-hello", "b-elsewhere").build().sameBytes("target/rust_hello.dll");
    }

    @Test
    void unixlibHelloFromTwoCheckoutsWithAConfiguredTimeIsTheSameDllAndUnixLibrary() throws Exception {
        ExternalTools.requireBuildTools();
        ExternalTools.mingwGcc();
        ExternalTools.mingwDlltool();
        TwoCheckouts builds = TwoCheckouts.of("unixlib-hello", "b-elsewhere").buildAtTheConfiguredTime();

        byte[] dll = builds.sameBytes("target/unixhello.dll");
        builds.sameBytes("target/unixhello.so");
        assertThat(PeFileReader.parse("unixhello.dll", dll).header().timeDateStamp()).isEqualTo(TIME);
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
