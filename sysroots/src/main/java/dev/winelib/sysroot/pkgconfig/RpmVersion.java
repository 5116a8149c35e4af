package dev.winelib.sysroot.pkgconfig;

/**
 * Version comparison as pkg-config does it (rpm's {@code rpmvercmp}): the strings are cut into runs
 * of digits and runs of letters, other characters only separate; runs are compared pairwise,
 * digits numerically (leading zeros ignored) and letters as strings, a digit run is newer than a
 * letter run; when one string runs out first, the other is newer. {@code ~} sorts before
 * everything. Written here because no maintained Java library offers it; a few lines.
 */
final class RpmVersion {

    private RpmVersion() {
    }

    static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isLetterOrDigit(a.charAt(i)) && a.charAt(i) != '~') {
                i++;
            }
            while (j < b.length() && !Character.isLetterOrDigit(b.charAt(j)) && b.charAt(j) != '~') {
                j++;
            }
            boolean ta = i < a.length() && a.charAt(i) == '~';
            boolean tb = j < b.length() && b.charAt(j) == '~';
            if (ta || tb) {
                if (!ta) {
                    return 1;
                }
                if (!tb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            boolean numeric = Character.isDigit(a.charAt(i));
            int si = i;
            int sj = j;
            while (i < a.length() && (numeric ? Character.isDigit(a.charAt(i)) : Character.isLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? Character.isDigit(b.charAt(j)) : Character.isLetter(b.charAt(j)))) {
                j++;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            if (y.isEmpty()) {
                return numeric ? 1 : -1;
            }
            int c;
            if (numeric) {
                String xs = x.replaceFirst("^0+", "");
                String ys = y.replaceFirst("^0+", "");
                c = xs.length() != ys.length() ? Integer.compare(xs.length(), ys.length()) : xs.compareTo(ys);
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        boolean restA = i < a.length();
        boolean restB = j < b.length();
        return restA == restB ? 0 : restA ? 1 : -1;
    }
}
