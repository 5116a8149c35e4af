package dev.winelib.toolchain.glibc;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A glibc release, {@code major.minor} (glibc has numbered its releases 2.x since 1997; the
 * symbol versions of older point releases such as {@code GLIBC_2.3.4} belong to the 2.3 series).
 *
 * @param major the major number (2 for every glibc in use)
 * @param minor the minor number
 */
public record GlibcVersion(int major, int minor) implements Comparable<GlibcVersion> {

    /** The glibc of Steam Runtime 3 'sniper' (Debian 11 'bullseye'), the container Proton 8.0+ runs in. */
    public static final GlibcVersion STEAM_RUNTIME_SNIPER = new GlibcVersion(2, 31);

    /** The prefix of glibc's symbol version names. */
    public static final String PREFIX = "GLIBC_";

    /** glibc's private interface between its own libraries: never a stable ABI. */
    public static final String PRIVATE = "GLIBC_PRIVATE";

    private static final Pattern RELEASE = Pattern.compile("(?:GLIBC_)?(\\d{1,4})\\.(\\d{1,4})");
    private static final Pattern NUMBERED = Pattern.compile("GLIBC_(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?");

    /**
     * The ABI marker versions ({@code GLIBC_ABI_*}) glibc defines, with the release that introduced
     * each. A module needs such a version when the linker used a feature only that glibc's dynamic
     * loader understands ({@code GLIBC_ABI_DT_RELR}: packed relative relocations, glibc 2.36).
     */
    private static final Map<String, GlibcVersion> ABI_MARKERS = Map.of("GLIBC_ABI_DT_RELR", new GlibcVersion(2, 36));

    public GlibcVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("a glibc version has no negative numbers: " + major + "." + minor);
        }
    }

    /**
     * Reads {@code 2.31} or {@code GLIBC_2.31}.
     *
     * @throws IllegalArgumentException for anything else (including point releases such as 2.3.4:
     *         a baseline is a release series)
     */
    public static GlibcVersion parse(String text) {
        Matcher m = RELEASE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a glibc version (expected MAJOR.MINOR such as 2.31, or GLIBC_2.31): "
                    + text);
        }
        return new GlibcVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether a version name is one of glibc's ({@code GLIBC_...}). */
    public static boolean isGlibcVersionName(String versionName) {
        return versionName.startsWith(PREFIX);
    }

    /**
     * Whether a glibc built as this release defines a symbol version, so that a module needing it
     * loads. Numbered versions compare numerically ({@code GLIBC_2.3.4} is older than
     * {@code GLIBC_2.31}; a point version such as {@code GLIBC_2.3.4} is newer than release 2.3
     * itself). {@code GLIBC_PRIVATE} is never provided: it is the interface between glibc's own
     * libraries, changes without notice between releases (even between distributions' builds of
     * one release), and a module using it is tied to the exact glibc it was linked against.
     * {@code GLIBC_ABI_*} markers are provided from the release that introduced them; an unknown
     * marker, or any other {@code GLIBC_} name, is treated as not provided.
     *
     * @param versionName a glibc version name such as {@code GLIBC_2.34}
     */
    public boolean provides(String versionName) {
        Matcher m = NUMBERED.matcher(versionName);
        if (m.matches()) {
            GlibcVersion series = new GlibcVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            int point = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int order = series.compareTo(this);
            return order < 0 || (order == 0 && point == 0);
        }
        GlibcVersion introduced = ABI_MARKERS.get(versionName);
        return introduced != null && introduced.compareTo(this) <= 0;
    }

    @Override
    public int compareTo(GlibcVersion other) {
        int c = Integer.compare(major, other.major);
        return c != 0 ? c : Integer.compare(minor, other.minor);
    }

    /** {@code 2.31}. */
    @Override
    public String toString() {
        return major + "." + minor;
    }
}
