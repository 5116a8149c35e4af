package dev.winelib.unixlib;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import dev.winelib.toolchain.process.ProcessRunner;

/**
 * The TimeDateStamps of a PE file as mingw's {@code objdump -p} reports them: the file header's
 * ("Time/Date", printed as a date) and the export directory's ("Time/Date stamp", hexadecimal).
 *
 * @param fileHeader the file header's time, in seconds since 1970
 * @param exportDirectory the export directory's, if objdump found an export table
 */
record ObjdumpPeStamps(long fileHeader, OptionalLong exportDirectory) {

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    static ObjdumpPeStamps of(Path file) throws Exception {
        List<String> command = List.of(Tools.mingwObjdump().toString(), "-p", file.toString());
        // objdump prints the file header's time with ctime(): in UTC with TZ=UTC
        ProcessRunner.Result r = ProcessRunner.run(command, null, Map.of("TZ", "UTC", "LC_ALL", "C"));
        if (r.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + r.exitCode() + ":\n" + r.output());
        }
        Long header = null;
        OptionalLong exports = OptionalLong.empty();
        for (String line : r.output().lines().toList()) {
            String[] words = line.strip().split("\\s+", 0);
            if (line.startsWith("Time/Date stamp")) {
                exports = OptionalLong.of(Long.parseLong(words[words.length - 1], 16));
            } else if (line.startsWith("Time/Date\t")) {
                String date = String.join(" ", List.of(words).subList(1, words.length));
                header = LocalDateTime.parse(date, CTIME).toEpochSecond(ZoneOffset.UTC);
            }
        }
        if (header == null) {
            fail("objdump -p printed no Time/Date for " + file + ":\n" + r.output());
        }
        return new ObjdumpPeStamps(header, exports);
    }
}
