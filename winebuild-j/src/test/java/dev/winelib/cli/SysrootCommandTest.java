package dev.winelib.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code winebuild-j sysroot ...} in a separate JVM whose XDG_CACHE_HOME and Maven repository are
 * temporary directories: exit codes and output of fetch, path, list and verify.
 */
class SysrootCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String stdout, String stderr) {
    }

    private Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaven.repo.local=" + dir.resolve("repo"), "-cp", System.getProperty("java.class.path"),
                WinebuildJ.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache-home").toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    private Path archive(String name, String libc) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream os = new GzipCompressorOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(os)) {
            for (String d : List.of("usr/", "usr/lib/", "usr/lib/x86_64-linux-gnu/")) {
                tar.putArchiveEntry(new TarArchiveEntry(d));
                tar.closeArchiveEntry();
            }
            byte[] data = libc.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("usr/lib/x86_64-linux-gnu/libc.so.6");
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return file;
    }

    @Test
    void fetchPathListVerify() throws Exception {
        Path cache = dir.resolve("cache-home/winebuild-j/sysroots");
        Run empty = cli("sysroot", "list");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.stdout()).isEqualTo("the sysroot cache " + cache + " is empty\n");

        Path archive = archive("team.tar.gz", "libc");
        Path inRepo = Files.createDirectories(dir.resolve("repo/com/example/sysroot/2.0")).resolve("sysroot-2.0.tar.gz");
        Files.copy(archive("other.tar.gz", "other libc"), inRepo);
        Run fetch = cli("sysroot", "fetch", archive.toString(), "com.example:sysroot:2.0");
        assertThat(fetch.exitCode()).as(fetch.stderr()).isZero();
        String[] lines = fetch.stdout().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith(archive + ": " + cache + "/").endsWith("/tree");
        assertThat(lines[1]).startsWith("com.example:sysroot:2.0: " + cache + "/").endsWith("/tree");
        Path tree = Path.of(lines[0].substring(lines[0].indexOf(": ") + 2));
        assertThat(cli("sysroot", "path", archive.toString()).stdout()).isEqualTo(tree + "\n");

        Run list = cli("sysroot", "list");
        assertThat(list.stdout()).contains("    tree:   " + tree, "    origin: " + archive, "    origin: " + inRepo);

        assertThat(cli("sysroot", "verify").stdout()).contains("ok      " + tree);
        Files.writeString(tree.resolve("usr/lib/x86_64-linux-gnu/libc.so.6"), "LIBC");
        Run damaged = cli("sysroot", "verify");
        assertThat(damaged.exitCode()).isEqualTo(1);
        assertThat(damaged.stdout()).contains("DAMAGED " + tree, "usr/lib/x86_64-linux-gnu/libc.so.6");
    }

    @Test
    void errorsAndUsage() throws Exception {
        Run missing = cli("sysroot", "fetch", "com.example:absent:1.0");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).startsWith("winebuild-j: sysroot fetch: sysroot artifact com.example:absent:1.0::tar.gz"
                + " is not in the local Maven repository");
        Run host = cli("sysroot", "verify", "host");
        assertThat(host.exitCode()).isEqualTo(1);
        assertThat(host.stderr()).contains("nothing to verify");
        Run unknown = cli("sysroot", "remove");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unmatched argument", "Try 'winebuild-j sysroot --help'");
        Run help = cli("sysroot", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("fetch", "path", "list", "verify");
    }

    @Test
    void packagesAndMirrorOfTheSniperSysroot() throws Exception {
        Path archive = archive("team.tar.gz", "libc");
        Run notSniper = cli("sysroot", "fetch", "--package", "libpulse-dev", archive.toString());
        assertThat(notSniper.exitCode()).isEqualTo(1);
        assertThat(notSniper.stderr()).contains("Debian packages (libpulse-dev) can be added only to the 'sniper'"
                + " sysroot");
        // repeatable and comma-separated; verify names the list without fetching anything
        Run notFetched = cli("sysroot", "verify", "--package", "libsdl2-dev,libpulse-dev", "--package", "libvulkan-dev",
                "sniper");
        assertThat(notFetched.exitCode()).isEqualTo(1);
        assertThat(notFetched.stderr()).contains("sysroot sniper is not in the cache");
        Run badMirror = cli("sysroot", "fetch", "--debian-mirror", "ftp://mirror.example/debian");
        assertThat(badMirror.exitCode()).isEqualTo(1);
        assertThat(badMirror.stderr()).contains("Debian mirror 'ftp://mirror.example/debian' is not an http:// or"
                + " https:// URL");
        assertThat(cli("sysroot", "fetch", "--help").stdout()).contains("--package=PACKAGE", "--debian-mirror=URL");
    }
}
