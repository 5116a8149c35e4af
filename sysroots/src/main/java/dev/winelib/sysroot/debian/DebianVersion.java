package dev.winelib.sysroot.debian;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered as Debian Policy 5.6.12
 * says: epochs numerically; then upstream versions and revisions, each compared in alternating
 * runs of non-digits (character by character, where {@code ~} sorts before everything, even the
 * end of the string, and letters sort before other characters) and digits (numerically).
 *
 * <p>Written here because no maintained Java library on Maven Central offers it; the tests compare
 * it with {@code dpkg --compare-versions} results.
 *
 * @param epoch the epoch, 0 when absent
 * @param upstream the upstream version
 * @param revision the Debian revision, empty when absent
 */
public record DebianVersion(long epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    private static final Pattern UPSTREAM = Pattern.compile("[0-9][A-Za-z0-9.+~:-]*");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9.+~]+");

    public DebianVersion {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * Parses a version.
     *
     * @throws IllegalArgumentException naming the text when it is not a Debian version
     */
    public static DebianVersion parse(String text) {
        String s = text.trim();
        long epoch = 0;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            String e = s.substring(0, colon);
            if (e.isEmpty() || !e.chars().allMatch(Character::isDigit) || e.length() > 9) {
                throw new IllegalArgumentException("'" + text + "' is not a Debian version: bad epoch");
            }
            epoch = Long.parseLong(e);
            s = s.substring(colon + 1);
        }
        String upstream = s;
        String revision = "";
        int dash = s.lastIndexOf('-');
        if (dash >= 0) {
            upstream = s.substring(0, dash);
            revision = s.substring(dash + 1);
            if (!REVISION.matcher(revision).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a Debian version: bad revision");
            }
        }
        if (!UPSTREAM.matcher(upstream).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Debian version: the upstream part must start"
                    + " with a digit and hold only letters, digits and . + ~ - :");
        }
        return new DebianVersion(epoch, upstream, revision);
    }

    @Override
    public int compareTo(DebianVersion o) {
        int c = Long.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        c = compareFragment(upstream, o.upstream);
        return c != 0 ? c : compareFragment(revision, o.revision);
    }

    /** dpkg's verrevcmp. */
    static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i))
                    && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    /** The sort weight of a non-digit character: {@code ~} lowest, then the end, letters, the rest. */
    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    @Override
    public String toString() {
        return (epoch != 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }
}
