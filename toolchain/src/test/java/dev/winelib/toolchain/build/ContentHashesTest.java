package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remembered hash is used only for the very same file state: an edit that keeps the size and sets the
 * modification time back is still seen (its status-change time moved), and a file just written is not
 * remembered at all.
 */
class ContentHashesTest {

    @TempDir
    Path dir;

    @Test
    void anEditKeepingSizeAndModificationTimeIsHashedAgain() throws Exception {
        Path header = Files.writeString(dir.resolve("value.h"), "#define VALUE 7\n");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(header, old);
        Thread.sleep(ContentHashes.SETTLE.toMillis() + 200); // settled: its hash is remembered
        String first = ContentHashes.sha256(header);
        assertThat(ContentHashes.sha256(header)).isEqualTo(first).isEqualTo(Stamp.sha256("#define VALUE 7\n"));

        Files.writeString(header, "#define VALUE 8\n");
        Files.setLastModifiedTime(header, old);
        assertThat(ContentHashes.sha256(header)).isNotEqualTo(first)
                .isEqualTo(Stamp.sha256("#define VALUE 8\n"));
    }

    @Test
    void aFileReplacedByAnotherWithTheSameTimesIsHashedAgain() throws Exception {
        Path a = Files.writeString(dir.resolve("a.h"), "int a;\n");
        Path b = Files.writeString(dir.resolve("b.h"), "int b;\n");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(a, old);
        Files.setLastModifiedTime(b, old);
        Thread.sleep(ContentHashes.SETTLE.toMillis() + 200);
        String before = ContentHashes.sha256(a);
        Files.move(b, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(ContentHashes.sha256(a)).isNotEqualTo(before);
    }

    @Test
    void keptHashesServeTheNextBuildWhileTheFileKeepsItsStatus() throws Exception {
        Path header = Files.writeString(dir.resolve("kept.h"), "#define KEPT 1\n");
        Thread.sleep(ContentHashes.SETTLE.toMillis() + 200);
        String sha = ContentHashes.sha256(header);
        Path kept = dir.resolve("content-hashes");
        ContentHashes.keep(kept);
        // a new build (a new JVM) whose record says another hash for the very same status: it is believed,
        // which shows the file was not read again
        ContentHashes.forgetAll();
        String other = "0".repeat(64);
        Files.writeString(kept, Files.readString(kept).replace(sha, other));
        ContentHashes.recall(kept);
        assertThat(ContentHashes.sha256(header)).isEqualTo(other);
        // once the file changes (here only its status), it is read again
        ContentHashes.forgetAll();
        ContentHashes.recall(kept);
        Files.setLastModifiedTime(header, FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
        assertThat(ContentHashes.sha256(header)).isEqualTo(sha);
        ContentHashes.forgetAll();
    }

    @Test
    void aDamagedRecordOfHashesIsIgnored() throws Exception {
        Path header = Files.writeString(dir.resolve("d.h"), "int d;\n");
        Path kept = Files.writeString(dir.resolve("content-hashes"), "winebuild-j content hashes 1\n1 2 x y z "
                + "0".repeat(64) + " " + header.toAbsolutePath() + "\nnot a line\n");
        ContentHashes.recall(kept);
        assertThat(ContentHashes.sha256(header)).isEqualTo(Stamp.sha256("int d;\n"));
    }
}
