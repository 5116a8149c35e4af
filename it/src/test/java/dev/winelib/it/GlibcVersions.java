package dev.winelib.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The GLIBC_x.y symbol versions a shared object needs, as readelf lists them. */
final class GlibcVersions {

    private static final Pattern NEED = Pattern.compile("Name: GLIBC_(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private GlibcVersions() {
    }

    /** The versions needed, as "major.minor[.patch]" strings sorted by number. */
    static List<String> needed(Path sharedObject) throws Exception {
        Programs.Result r = Programs.run(List.of("readelf", "-V", "--wide", sharedObject.toString()),
                sharedObject.getParent(), Map.of(), null,
                sharedObject.resolveSibling(sharedObject.getFileName() + ".readelf"), Duration.ofSeconds(30), null);
        if (r.exitCode() != 0) {
            throw new AssertionError(r.describe("readelf -V"));
        }
        TreeSet<int[]> versions = new TreeSet<>((a, b) -> a[0] != b[0] ? a[0] - b[0] : a[1] != b[1] ? a[1] - b[1]
                : a[2] - b[2]);
        Matcher m = NEED.matcher(r.stdout());
        while (m.find()) {
            versions.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? -1 : Integer.parseInt(m.group(3))});
        }
        return versions.stream().map(v -> v[0] + "." + v[1] + (v[2] < 0 ? "" : "." + v[2])).toList();
    }

    /** Whether "major.minor[.patch]" is at most major.minor of the baseline. */
    static boolean atMost(String version, int major, int minor) {
        String[] p = version.split("\\.");
        int a = Integer.parseInt(p[0]);
        int b = Integer.parseInt(p[1]);
        return a < major || a == major && b <= minor;
    }
}
