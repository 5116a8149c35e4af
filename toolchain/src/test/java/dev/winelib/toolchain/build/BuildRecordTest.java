package dev.winelib.toolchain.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build record stands only while nothing it describes changed: the key, and the status of every
 * input and output. Each way a build can be invalidated is tried once: the record must stop being
 * current.
 */
class BuildRecordTest {

    private static final String KEY = "parameter cflags=-O2\nenv PATH=/usr/bin\n";
    /** No settling time in these tests (the real one is {@link ContentHashes#SETTLE}): the files are just written. */
    private static final Duration NOW = Duration.ZERO;

    @TempDir
    Path dir;

    private Path source;
    private Path header;
    private Path sources;
    private Path object;
    private Path module;
    private BuildRecord record;
    private BuildRecord.Files files;

    @BeforeEach
    void build() throws Exception {
        sources = Files.createDirectories(dir.resolve("src"));
        source = Files.writeString(sources.resolve("a.c"), "#include \"a.h\"\nint a(void) { return A; }\n");
        header = Files.writeString(sources.resolve("a.h"), "#define A 1\n");
        object = Files.writeString(dir.resolve("a.c.o"), "object");
        module = Files.writeString(dir.resolve("a.dll"), "module");
        record = new BuildRecord(dir.resolve("build.record"), KEY);
        files = new BuildRecord.Files(Set.of(source, header, sources), Set.of(object, module),
                List.of("artifact " + module, "info winelib DLL a.dll (1 exports, up to date)"));
        assertThat(record.write(files, later(), NOW)).isTrue();
    }

    /** A moment after every file above was written, as when the build ends. */
    private static Instant later() throws InterruptedException {
        Thread.sleep(20);
        return Instant.now();
    }

    @Test
    void anUnchangedBuildIsCurrentAndGivesBackItsNotes() {
        assertThat(record.current()).contains(files.notes());
        assertThat(new BuildRecord(dir.resolve("build.record"), KEY).current()).contains(files.notes());
    }

    @Test
    void anotherKeyIsNotCurrent() {
        assertThat(new BuildRecord(dir.resolve("build.record"), KEY + "parameter glibcBaseline=none\n").current())
                .isEmpty();
    }

    @Test
    void anEditedSourceIsSeenEvenWithSizeAndModificationTimeKept() throws Exception {
        FileTime modified = Files.getLastModifiedTime(source);
        Files.writeString(source, "#include \"a.h\"\nint a(void) { return B; }\n");
        Files.setLastModifiedTime(source, modified);
        assertThat(record.current()).isEmpty();
    }

    @Test
    void aTouchedHeaderIsSeen() throws Exception {
        Files.setLastModifiedTime(header, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(record.current()).isEmpty();
    }

    @Test
    void aDeletedOutputIsSeen() throws Exception {
        Files.delete(object);
        assertThat(record.current()).isEmpty();
    }

    @Test
    void aReplacedOutputIsSeen() throws Exception {
        Path other = Files.writeString(dir.resolve("other"), "module");
        Files.move(other, module, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(record.current()).isEmpty();
    }

    @Test
    void aDeletedInputIsSeen() throws Exception {
        Files.delete(header);
        assertThat(record.current()).isEmpty();
    }

    @Test
    void anAddedSourceChangesItsDirectory() throws Exception {
        Files.writeString(sources.resolve("b.c"), "int b;\n");
        assertThat(record.current()).isEmpty();
    }

    @Test
    void aForgottenRecordIsNotCurrent() throws Exception {
        record.forget();
        assertThat(record.current()).isEmpty();
    }

    @Test
    void aDamagedRecordIsNotCurrent() throws Exception {
        Path file = dir.resolve("build.record");
        Files.writeString(file, Files.readString(file).replace("file ", "fiel "));
        assertThat(record.current()).isEmpty();
    }

    @Test
    void anInputChangedWhileTheBuildRanIsTheOneFileTakenAsChanged() throws Exception {
        Instant started = Instant.now();
        Thread.sleep(20);
        Files.writeString(header, "#define A 2\n");
        assertThat(record.write(files, started, NOW)).isTrue();
        // its recorded status matches no file: the next build checks it (and only it) by content
        assertThat(record.current()).isEmpty();
        assertThat(record.read().orElseThrow().changed()).containsExactly(header.toAbsolutePath().normalize());
        // a build after it, with nothing changing meanwhile, is current again
        assertThat(record.write(files, later(), NOW)).isTrue();
        assertThat(record.current()).isPresent();
    }

    @Test
    void inputsChangedJustBeforeTheBuildStartedAreTakenAsChanged() throws Exception {
        assertThat(record.write(files, Instant.now(), Duration.ofSeconds(60))).isTrue();
        assertThat(record.current()).isEmpty();
        // every input was written just now; the outputs are compared as they are
        assertThat(record.read().orElseThrow().changed()).contains(source.toAbsolutePath().normalize(),
                header.toAbsolutePath().normalize()).doesNotContain(module.toAbsolutePath().normalize());
        assertThat(Files.readString(dir.resolve("build.record"))).contains("file " + BuildRecord.UNSETTLED + " ");
    }

    @Test
    void outputsWrittenByTheBuildDoNotPreventTheRecord() throws Exception {
        Instant started = later();
        Files.writeString(object, "object, again");
        assertThat(record.write(files, started, NOW)).isTrue();
        assertThat(record.current()).isPresent();
    }

    @Test
    void theKeyIsKeptAsAFingerprintOnly() throws Exception {
        assertThat(Files.readString(dir.resolve("build.record"))).doesNotContain("PATH").doesNotContain("-O2");
        assertThat(BuildRecord.fingerprint(KEY)).isNotEqualTo(BuildRecord.fingerprint(KEY + " "))
                .hasSize(32);
    }

    @Test
    void theShellsOwnVariablesAreNoPartOfTheKey() {
        assertThat(BuildRecord.environmentKey(java.util.Map.of("PATH", "/bin", "OLDPWD", "/tmp", "SHLVL", "2")))
                .isEqualTo("env PATH=/bin\n");
    }

    @Test
    void pathsWithSpacesAndNotesInOtherScriptsAreReadBack() throws Exception {
        Path spaced = Files.createDirectories(dir.resolve("a source dir"));
        Path spacedSource = Files.writeString(spaced.resolve("a b.c"), "int a;\n");
        BuildRecord spacedRecord = new BuildRecord(dir.resolve("spaced.record"), KEY);
        List<String> notes = List.of("info gr\u00fc\u00dfe \u65e5\u672c", "artifact " + module);
        assertThat(spacedRecord.write(new BuildRecord.Files(Set.of(spacedSource, spaced), Set.of(module), notes),
                later(), NOW)).isTrue();
        assertThat(spacedRecord.current()).contains(notes);
        touch(spacedSource);
        assertThat(spacedRecord.read().orElseThrow().changed()).containsExactly(spacedSource.toAbsolutePath().normalize());
    }

    @Test
    void aRecordWithoutItsLastLineBreakIsReadAlike() throws Exception {
        Path file = dir.resolve("build.record");
        String text = Files.readString(file);
        assertThat(text).endsWith("\n");
        Files.writeString(file, text.substring(0, text.length() - 1));
        assertThat(record.current()).contains(files.notes());
        Files.writeString(file, text.substring(0, text.indexOf('\n', text.indexOf("file ")) - 1));
        assertThat(record.read().map(BuildRecord.State::current)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void theStateOfAChangedBuildNamesWhatChanged() throws Exception {
        Files.setLastModifiedTime(header, FileTime.from(Instant.now().plusSeconds(60)));
        Files.delete(object);
        BuildRecord.State state = record.read().orElseThrow();
        assertThat(state.current()).isFalse();
        assertThat(state.changed()).containsExactlyInAnyOrder(header.toAbsolutePath().normalize(),
                object.toAbsolutePath().normalize());
        assertThat(state.notes()).isEqualTo(files.notes());
        assertThat(new BuildRecord(dir.resolve("build.record"), "another key").read()).isEmpty();
    }

    // --- steps: each object with its compilation, so that a changed build finds what a change affects ---

    private static final String FLAGS = "gcc\n-O2\n-c";

    /** A record of two objects from two sources sharing a header, and a changed build's state of it. */
    private BuildRecord.State withSteps(java.util.function.Consumer<Path> change) throws Exception {
        Path other = Files.writeString(sources.resolve("b.c"), "#include \"a.h\"\nint b;\n");
        Path otherObject = Files.writeString(dir.resolve("b.c.o"), "object b");
        BuildRecord.Files withSteps = new BuildRecord.Files(Set.of(source, header, other, sources),
                Set.of(object, otherObject, module), files.notes(), java.util.Map.of(
                        object, BuildRecord.Step.of(FLAGS, List.of(source, header)),
                        otherObject, BuildRecord.Step.of(FLAGS, List.of(other, header))));
        assertThat(record.write(withSteps, later(), NOW)).isTrue();
        change.accept(otherObject);
        return record.read().orElseThrow();
    }

    @Test
    void aStepWhoseFilesAreUnchangedGivesItsInputs() throws Exception {
        BuildRecord.State state = withSteps(b -> touch(source));
        assertThat(state.current()).isFalse();
        assertThat(state.unchangedStep(object, FLAGS)).isEmpty();
        assertThat(state.unchangedStep(dir.resolve("b.c.o"), FLAGS)).contains(List.of(
                sources.resolve("b.c").toAbsolutePath().normalize(), header.toAbsolutePath().normalize()));
    }

    @Test
    void anEditedHeaderInvalidatesEveryStepThatReadIt() throws Exception {
        BuildRecord.State state = withSteps(b -> touch(header));
        assertThat(state.unchangedStep(object, FLAGS)).isEmpty();
        assertThat(state.unchangedStep(dir.resolve("b.c.o"), FLAGS)).isEmpty();
    }

    @Test
    void anObjectRewrittenKeepingSizeAndModificationTimeIsNotTaken() throws Exception {
        BuildRecord.State state = withSteps(b -> {
            rewriteKeepingSizeAndModificationTime(b);
            write(module, "module, changed"); // a build that does work
        });
        assertThat(state.current()).isFalse();
        assertThat(state.changed()).contains(dir.resolve("b.c.o").toAbsolutePath().normalize());
        assertThat(state.unchangedStep(dir.resolve("b.c.o"), FLAGS)).isEmpty();
        assertThat(state.unchangedStep(object, FLAGS)).isPresent();
    }

    @Test
    void anObjectAloneChangedLeavesTheBuildCurrent() throws Exception {
        // every input and the module unchanged: the result stands; the object is compared on the next
        // build that does work (above), which makes it again
        assertThat(withSteps(BuildRecordTest::rewriteKeepingSizeAndModificationTime).current()).isTrue();
        assertThat(withSteps(BuildRecordTest::delete).current()).isTrue();
        assertThat(Files.readString(dir.resolve("build.record"))).contains("made ").contains("file ");
    }

    @Test
    void aRecordReadAheadOfItsKeyIsTheRecordReadAfter() throws Exception {
        Path file = dir.resolve("build.record");
        assertThat(record.read(BuildRecord.lookAhead(file))).isEqualTo(record.read()).isPresent();
        assertThat(new BuildRecord(file, "another key").read(BuildRecord.lookAhead(file))).isEmpty();
        touch(header);
        BuildRecord.State state = record.read(BuildRecord.lookAhead(file)).orElseThrow();
        assertThat(state.changed()).containsExactly(header.toAbsolutePath().normalize());
        assertThat(new BuildRecord(dir.resolve("elsewhere.record"), KEY).read(BuildRecord.lookAhead(file)))
                .isEmpty();
        // read ahead from another file: this record's own file is read
        assertThat(record.read(BuildRecord.lookAhead(dir.resolve("none.record")))).isEqualTo(Optional.of(state));
    }

    @Test
    void otherSettingsInvalidateTheStep() throws Exception {
        BuildRecord.State state = withSteps(b -> touch(source));
        assertThat(state.unchangedStep(dir.resolve("b.c.o"), FLAGS + "\n-DNEW")).isEmpty();
    }

    @Test
    void anAddedOrRemovedSourceKeepsTheOtherSteps() throws Exception {
        BuildRecord.State added = withSteps(b -> write(sources.resolve("c.c"), "int c;\n"));
        assertThat(added.changed()).contains(sources.toAbsolutePath().normalize());
        assertThat(added.unchangedStep(object, FLAGS)).isPresent();
        BuildRecord.State removed = withSteps(b -> delete(source));
        assertThat(removed.unchangedStep(object, FLAGS)).isEmpty();
        assertThat(removed.unchangedStep(dir.resolve("b.c.o"), FLAGS)).isPresent();
    }

    @Test
    void aStepWithAnUnrecordedInputIsNotKept() throws Exception {
        Path unrecorded = Files.writeString(dir.resolve("elsewhere.h"), "#define E 1\n");
        BuildRecord.Files withStep = new BuildRecord.Files(Set.of(source, sources), Set.of(object), List.of(),
                java.util.Map.of(object, BuildRecord.Step.of(FLAGS, List.of(source, unrecorded))));
        assertThat(record.write(withStep, later(), NOW)).isTrue();
        write(module, "changed");
        assertThat(record.read().orElseThrow().steps()).isEmpty();
    }

    @Test
    void stepsReadingTheSameHeadersShareAGroupAndAnUnrecordedInputDropsEachStepThatReadIt() throws Exception {
        Path unrecorded = Files.writeString(dir.resolve("elsewhere.h"), "#define E 1\n");
        List<Path> c = new java.util.ArrayList<>();
        List<Path> objects = new java.util.ArrayList<>();
        for (String name : List.of("c1", "c2", "c3", "c4")) {
            c.add(Files.writeString(sources.resolve(name + ".c"), "int " + name + ";\n"));
            objects.add(Files.writeString(dir.resolve(name + ".c.o"), "object " + name));
        }
        Set<Path> inputs = new java.util.HashSet<>(Set.of(header, sources));
        inputs.addAll(c);
        Set<Path> outputs = new java.util.HashSet<>(objects);
        outputs.add(module);
        // the same header as other path objects (as parsed from two dependency files), the unrecorded one twice
        java.util.Map<Path, BuildRecord.Step> steps = new java.util.LinkedHashMap<>();
        steps.put(objects.get(0), BuildRecord.Step.of(FLAGS, List.of(c.get(0), Path.of(header.toString()))));
        steps.put(objects.get(1), BuildRecord.Step.of(FLAGS, List.of(c.get(1), Path.of(unrecorded.toString()))));
        steps.put(objects.get(2), BuildRecord.Step.of(FLAGS, List.of(c.get(2), Path.of(header.toString()))));
        steps.put(objects.get(3), BuildRecord.Step.of(FLAGS, List.of(c.get(3), Path.of(unrecorded.toString()))));
        assertThat(record.write(new BuildRecord.Files(inputs, outputs, List.of(), steps), later(), NOW)).isTrue();
        assertThat(Files.readAllLines(dir.resolve("build.record")).stream().filter(l -> l.startsWith("group ")))
                .hasSize(1);
        write(module, "changed");
        BuildRecord.State state = record.read().orElseThrow();
        assertThat(state.steps()).containsOnlyKeys(objects.get(0).toAbsolutePath().normalize(),
                objects.get(2).toAbsolutePath().normalize());
        assertThat(state.unchangedStep(objects.get(2), FLAGS)).contains(List.of(
                c.get(2).toAbsolutePath().normalize(), header.toAbsolutePath().normalize()));
    }

    @Test
    void aNoOpReadsNoStep() throws Exception {
        BuildRecord.State state = withSteps(b -> { });
        assertThat(state.current()).isTrue();
        assertThat(state.steps()).isEmpty();
    }

    private static void rewriteKeepingSizeAndModificationTime(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Files.writeString(file, "object c");
            Files.setLastModifiedTime(file, modified);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
