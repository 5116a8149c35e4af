package dev.winelib.sysroot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Writes test tar archives entry by entry, hostile ones included (names are written as given). */
final class TarBuilder {

    enum Compression {
        NONE(".tar"), GZIP(".tar.gz"), XZ(".tar.xz"), BZIP2(".tar.bz2");

        final String suffix;

        Compression(String suffix) {
            this.suffix = suffix;
        }
    }

    private record Item(TarArchiveEntry entry, byte[] data) {
    }

    private final List<Item> items = new ArrayList<>();

    private static TarArchiveEntry entry(String name, byte flag) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true); // keep leading slashes as given
        e.setModTime(1_600_000_000_000L);
        e.setUserName("root");
        e.setGroupName("root");
        return e;
    }

    TarBuilder dir(String name) {
        return dir(name, 0755);
    }

    TarBuilder dir(String name, int mode) {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        e.setMode(040000 | mode);
        items.add(new Item(e, new byte[0]));
        return this;
    }

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TarBuilder file(String name, byte[] content, int mode) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
        e.setMode(0100000 | mode);
        e.setSize(content.length);
        items.add(new Item(e, content));
        return this;
    }

    TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
        e.setMode(0120777);
        e.setLinkName(target);
        items.add(new Item(e, new byte[0]));
        return this;
    }

    TarBuilder hardLink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
        e.setMode(0100644);
        e.setLinkName(target);
        items.add(new Item(e, new byte[0]));
        return this;
    }

    TarBuilder special(String name, byte flag) {
        TarArchiveEntry e = entry(name, flag);
        e.setMode(0666);
        e.setDevMajor(1);
        e.setDevMinor(3);
        items.add(new Item(e, new byte[0]));
        return this;
    }

    byte[] build(Compression compression) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream compressed = switch (compression) {
                case NONE -> bytes;
                case GZIP -> new GzipCompressorOutputStream(bytes);
                case XZ -> new XZCompressorOutputStream(bytes, 1);
                case BZIP2 -> new BZip2CompressorOutputStream(bytes);
            };
             TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items) {
                tar.putArchiveEntry(item.entry());
                tar.write(item.data());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    Path write(Path dir, String baseName, Compression compression) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(baseName + compression.suffix), build(compression));
    }

    /**
     * A small Debian 11-like sysroot: start files, libgcc, the loader behind an absolute link,
     * alternatives chains of absolute links, relative links, a hard link, a setuid file, a long
     * name, a dangling link.
     */
    static TarBuilder debianLike() {
        String longDir = "usr/share/doc/" + "a-package-with-a-rather-long-name-".repeat(4) + "x";
        return new TarBuilder()
                .dir("./")
                .dir("./usr")
                .dir("./usr/bin")
                .file("./usr/bin/x86_64-linux-gnu-gcc-10", "#!gcc".getBytes(StandardCharsets.UTF_8), 0755)
                .symlink("./usr/bin/gcc-10", "x86_64-linux-gnu-gcc-10")
                .hardLink("./usr/bin/x86_64-linux-gnu-cc", "./usr/bin/x86_64-linux-gnu-gcc-10")
                .symlink("./usr/bin/cc", "/etc/alternatives/cc")
                .file("./usr/bin/setuid-helper", "helper".getBytes(StandardCharsets.UTF_8), 04755)
                .dir("./etc")
                .dir("./etc/alternatives")
                .symlink("./etc/alternatives/cc", "/usr/bin/gcc-10")
                .dir("./lib")
                .dir("./lib/x86_64-linux-gnu")
                .file("./lib/x86_64-linux-gnu/ld-2.31.so", "loader".getBytes(StandardCharsets.UTF_8), 0755)
                .file("./lib/x86_64-linux-gnu/libc-2.31.so", "libc".getBytes(StandardCharsets.UTF_8), 0755)
                .symlink("./lib/x86_64-linux-gnu/libc.so.6", "libc-2.31.so")
                .file("./lib/x86_64-linux-gnu/libm-2.31.so", "libm".getBytes(StandardCharsets.UTF_8), 0644)
                .symlink("./lib/x86_64-linux-gnu/libm.so.6", "libm-2.31.so")
                .file("./lib/x86_64-linux-gnu/libgcc_s.so.1", "libgcc_s".getBytes(StandardCharsets.UTF_8), 0644)
                .dir("./lib64")
                .symlink("./lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-2.31.so")
                .dir("./usr/lib")
                .dir("./usr/lib/x86_64-linux-gnu")
                .file("./usr/lib/x86_64-linux-gnu/crti.o", "crti")
                .file("./usr/lib/x86_64-linux-gnu/crtn.o", "crtn")
                .file("./usr/lib/x86_64-linux-gnu/Scrt1.o", "Scrt1")
                .file("./usr/lib/x86_64-linux-gnu/libc.so",
                        "GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a )\n")
                .file("./usr/lib/x86_64-linux-gnu/libc_nonshared.a", "!<arch>\n")
                .symlink("./usr/lib/x86_64-linux-gnu/libm.so", "/lib/x86_64-linux-gnu/libm.so.6")
                .symlink("./usr/lib/x86_64-linux-gnu/libgcc_s.so.1", "../../../lib/x86_64-linux-gnu/libgcc_s.so.1")
                .dir("./usr/lib/gcc")
                .dir("./usr/lib/gcc/x86_64-linux-gnu")
                .dir("./usr/lib/gcc/x86_64-linux-gnu/10")
                .file("./usr/lib/gcc/x86_64-linux-gnu/10/crtbeginS.o", "crtbeginS")
                .file("./usr/lib/gcc/x86_64-linux-gnu/10/crtendS.o", "crtendS")
                .file("./usr/lib/gcc/x86_64-linux-gnu/10/libgcc.a", "!<arch>\n")
                .symlink("./usr/lib/gcc/x86_64-linux-gnu/10/libgcc_s.so", "/lib/x86_64-linux-gnu/libgcc_s.so.1")
                .dir("./usr/include")
                .file("./usr/include/stdio.h", "/* stdio */\n")
                .dir("./" + longDir)
                .file("./" + longDir + "/changelog.Debian.gz", "changes")
                .symlink("./usr/share/doc/libc6-dev", "/usr/share/doc/libc6");
    }
}
