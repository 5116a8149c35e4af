package dev.winelib.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.winelib.sysroot.debian.DebianMirror;

/**
 * Provisioning against the real deb.debian.org: directly, through a local server that alters one
 * file (each alteration refused, nothing of it cached), and in a child JVM where apt and dpkg fail.
 */
class ProvisioningTest {

    @TempDir
    Path dir;

    @Test
    void sniperWithGamePackagesFromAnEmptyCache() throws Exception {
        DebianNetwork.require();
        SysrootCache cache = new SysrootCache(dir.resolve("cache"));
        List<String> log = new ArrayList<>();
        long start = System.nanoTime();
        Path tree = SniperSysroot.provision(cache, DebianNetwork.GAME_PACKAGES, DebianMirror.debian(), log::add);
        double seconds = (System.nanoTime() - start) / 1e9;
        CachedSysroot entry = cache.list().get(0);
        long store = size(cache.root().resolve(".debian"));
        System.out.printf("sniper + %s from an empty cache: %.1f s; tree %.1f MB (%d entries, %d packages);"
                + " verified downloads kept in .debian: %.1f MB%n", DebianNetwork.GAME_PACKAGES, seconds,
                entry.sizeBytes() / 1e6, entry.entries(), entry.origin().size(), store / 1e6);
        assertThat(tree.resolve("usr/include/pulse/pulseaudio.h")).isRegularFile();
        assertThat(tree.resolve("usr/include/vulkan/vulkan.h")).isRegularFile();
        assertThat(tree.resolve("usr/include/SDL2/SDL.h")).isRegularFile();
        assertThat(tree.resolve("usr/lib/x86_64-linux-gnu/crti.o")).isRegularFile();
        assertThat(Files.readSymbolicLink(tree.resolve("usr/lib/x86_64-linux-gnu/libpulse.so")).isAbsolute()).isFalse();
        assertThat(entry.origin()).contains("libpulse-dev=14.2-2").anyMatch(p -> p.startsWith("libc6="));
        assertThat(SniperSysroot.packagesOf(cache, tree)).isEqualTo(entry.origin());
        assertThat(cache.verify(tree).problems()).isEmpty();
        // later: from the cache, no network needed (a mirror that cannot be reached is not asked)
        DebianMirror nowhere = DebianMirror.of("http://127.0.0.1:9/debian", null);
        assertThat(SniperSysroot.provision(cache, List.of("libsdl2-dev", "libpulse-dev", "libvulkan-dev",
                "libpulse-dev"), nowhere, m -> { })).isEqualTo(tree);
        // the base tree afterwards reuses the stored .deb files: only what is new is fetched
        List<String> second = new ArrayList<>();
        Path base = SniperSysroot.provision(cache, List.of(), DebianMirror.debian(), second::add);
        assertThat(base).isNotEqualTo(tree);
        assertThat(second).noneMatch(m -> m.startsWith("downloading"));
        assertThat(base.resolve("usr/include/pulse")).doesNotExist();
    }

    @Test
    void anAlteredInReleaseIsRefusedAndNothingIsCached() throws Exception {
        String message = provisionThroughAlteringMirror((path, body) -> path.equals("/debian/dists/bullseye/InRelease")
                ? new String(body, StandardCharsets.UTF_8).replaceFirst("Suite: oldoldstable", "Suite: oldoldstablf")
                        .getBytes(StandardCharsets.UTF_8) : body);
        assertThat(message).startsWith("refused http://127.0.0.1:").contains("/debian/dists/bullseye/InRelease: no good"
                + " signature by one of Debian's archive keys").endsWith("nothing was cached");
    }

    @Test
    void anAlteredPackagesIndexIsRefusedAndNothingIsCached() throws Exception {
        String message = provisionThroughAlteringMirror((path, body) ->
                path.startsWith("/debian/dists/bullseye/main/binary-amd64/") ? flipByte(body) : body);
        assertThat(message).startsWith("refused bullseye main/binary-amd64/Packages.xz from http://127.0.0.1:")
                .contains("but the signed index lists").endsWith("nothing was cached");
    }

    @Test
    void anAlteredPackageIsRefusedAndNothingIsCached() throws Exception {
        String message = provisionThroughAlteringMirror((path, body) ->
                path.matches(".*/libc6-dev_[^/]*_amd64\\.deb") ? flipByte(body) : body);
        assertThat(message).startsWith("refused libc6-dev_").contains("but the signed index lists")
                .endsWith("nothing was cached");
    }

    /** Provisions the base tree through a local server that passes Debian's files on, altered by {@code alter}. */
    private String provisionThroughAlteringMirror(BiFunction<String, byte[], byte[]> alter) throws Exception {
        DebianNetwork.require();
        HttpClient client = HttpClient.newHttpClient();
        List<String> altered = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            try {
                HttpResponse<byte[]> real = client.send(HttpRequest.newBuilder(URI.create("http://deb.debian.org" + path))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] body = real.statusCode() == 200 ? alter.apply(path, real.body()) : real.body();
                if (body != real.body()) {
                    altered.add(path);
                }
                exchange.sendResponseHeaders(real.statusCode(), body.length == 0 ? -1 : body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            DebianMirror mirror = DebianMirror.of(base + "/debian", base + "/debian-security");
            SysrootCache cache = new SysrootCache(dir.resolve("cache"));
            Throwable failure = null;
            try {
                SniperSysroot.provision(cache, List.of(), mirror, m -> { });
            } catch (SysrootException e) {
                failure = e;
            }
            assertThat(failure).as("provisioning through the altering mirror").isNotNull();
            assertThat(altered).as("the mirror altered a file").isNotEmpty();
            // nothing unverified kept: no tree, no pointer, no partial download; stored files match their names
            try (Stream<Path> walk = Files.walk(cache.root())) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    String name = p.getFileName().toString();
                    if (p.getParent().getFileName().toString().matches("debs|indices")) {
                        assertThat(dev.winelib.sysroot.Manifest.sha256(p)).isEqualTo(name);
                    } else {
                        assertThat(name).endsWith(".lock");
                    }
                }
            }
            assertThat(cache.list()).isEmpty();
            return failure.getMessage();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void provisioningNeedsNeitherAptNorDpkg() throws Exception {
        DebianNetwork.require();
        Path unshare = Path.of("/usr/bin/unshare");
        if (!Files.isExecutable(unshare) || new ProcessBuilder(unshare.toString(), "-m", "true").start().waitFor() != 0) {
            DebianNetwork.missing("unshare -m is not available or not permitted here (util-linux; needs root or"
                    + " user namespaces)");
        }
        Path failing = dir.resolve("fail");
        Files.writeString(failing, "#!/bin/sh\necho \"$0 must not be used\" >&2\nexit 97\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder script = new StringBuilder("set -e\n");
        for (String tool : List.of("apt-get", "apt", "dpkg", "dpkg-deb")) {
            Path p = Path.of("/usr/bin", tool);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                script.append("mount --bind '").append(failing).append("' '").append(p).append("'\n");
            }
        }
        script.append("if dpkg --version >/dev/null 2>&1 || apt-get --version >/dev/null 2>&1; then echo 'apt or dpkg"
                + " still works' >&2; exit 3; fi\n");
        script.append("exec \"$@\"\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(unshare.toString(), "-m", "sh", "-c", script.toString(), "sh", java, "-cp",
                System.getProperty("java.class.path"), ProvisionMain.class.getName(), dir.resolve("cache").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Path tree = Path.of(out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(tree.resolve("usr/lib/x86_64-linux-gnu/crti.o")).isRegularFile();
        assertThat(tree.resolve("usr/lib/gcc/x86_64-linux-gnu/10/crtbeginS.o")).isRegularFile();
        assertThat(tree.resolve("usr/include/c++/10/vector")).isRegularFile();
        assertThat(Files.readSymbolicLink(tree.resolve("lib64/ld-linux-x86-64.so.2")).isAbsolute()).isFalse();
    }

    @Test
    void anUnknownPackageGetsOneErrorWithTheClosestName() throws Exception {
        DebianNetwork.require();
        assertThatThrownBy(() -> SniperSysroot.provision(DebianNetwork.sharedCache(), List.of("libpulse-devv"),
                DebianMirror.debian(), m -> { })).isInstanceOf(SysrootException.class)
                .hasMessageStartingWith("no Debian 11 package 'libpulse-devv'; did you mean 'libpulse-dev'?");
    }

    private static byte[] flipByte(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

}
