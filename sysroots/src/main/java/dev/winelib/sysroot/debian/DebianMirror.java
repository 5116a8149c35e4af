package dev.winelib.sysroot.debian;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.winelib.sysroot.SysrootException;

/**
 * Where the Debian 11 packages come from: the Debian archive ({@code bullseye} and
 * {@code bullseye-updates} under {@code ARCHIVE/dists/}) and the security archive
 * ({@code bullseye-security} under {@code SECURITY/dists/}). Plain {@code http} is enough, and
 * Debian's own default: every file is checked against the signed {@code InRelease}.
 *
 * @param archive the Debian archive, e.g. {@code http://deb.debian.org/debian}
 * @param security the security archive, e.g. {@code http://deb.debian.org/debian-security}
 */
public record DebianMirror(URI archive, URI security) {

    /** Debian's redirector: {@code http://deb.debian.org/debian}. */
    public static final String DEFAULT_ARCHIVE = "http://deb.debian.org/debian";
    /** {@code http://deb.debian.org/debian-security}. */
    public static final String DEFAULT_SECURITY = "http://deb.debian.org/debian-security";

    /** The suite of the release, then its updates, then its security updates. */
    public static final String SUITE = "bullseye";

    public DebianMirror {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(security, "security");
    }

    /** deb.debian.org. */
    public static DebianMirror debian() {
        return new DebianMirror(URI.create(DEFAULT_ARCHIVE), URI.create(DEFAULT_SECURITY));
    }

    /**
     * A mirror from settings.
     *
     * @param archive the archive URL; blank means {@link #DEFAULT_ARCHIVE}
     * @param security the security archive URL; blank means: derived from {@code archive} by
     *     replacing its last path segment with {@code debian-security} ({@code http://m.example/debian}
     *     gives {@code http://m.example/debian-security}), or {@link #DEFAULT_SECURITY} when
     *     {@code archive} is blank too
     * @throws SysrootException when a URL is not an absolute http or https URL
     */
    public static DebianMirror of(String archive, String security) throws SysrootException {
        boolean noArchive = archive == null || archive.isBlank();
        URI a = url(noArchive ? DEFAULT_ARCHIVE : archive, "Debian mirror");
        URI s;
        if (security != null && !security.isBlank()) {
            s = url(security, "Debian security mirror");
        } else if (noArchive) {
            s = URI.create(DEFAULT_SECURITY);
        } else {
            String path = trimSlash(a.getPath());
            String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            s = url(a.getScheme() + "://" + a.getRawAuthority() + parent + "/debian-security", "Debian security mirror");
        }
        return new DebianMirror(a, s);
    }

    private static URI url(String text, String what) throws SysrootException {
        try {
            URI u = new URI(trimSlash(text.trim()));
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("http", "https").contains(scheme) || u.getRawAuthority() == null || u.getRawQuery() != null
                    || u.getRawFragment() != null) {
                throw new SysrootException(what + " '" + text + "' is not an http:// or https:// URL of an archive"
                        + " (like " + DEFAULT_ARCHIVE + ")");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new SysrootException(what + " '" + text + "' is not a URL: " + e.getMessage(), e);
        }
    }

    private static String trimSlash(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** The suites, each with the archive that serves it. */
    public List<Suite> suites() {
        return List.of(new Suite(SUITE, archive), new Suite(SUITE + "-updates", archive),
                new Suite(SUITE + "-security", security));
    }

    /** A suite and its archive. */
    public record Suite(String name, URI archive) {
        /** {@code ARCHIVE/dists/NAME/} + {@code path}. */
        public URI file(String path) {
            return URI.create(archive + "/dists/" + name + "/" + path);
        }
    }

    @Override
    public String toString() {
        return archive + " (security: " + security + ")";
    }
}
