package dev.winelib.sysroot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a sysroot setting into a sysroot directory: {@code host}; {@code sniper} (provisioned from
 * Debian 11 packages on first use, then cached); the path of a sysroot archive ({@code .tar.gz},
 * {@code .tgz}, {@code .tar.xz}, {@code .tar}, such as the Steam Runtime SDK's
 * {@code ...sniper-sysroot.tar.gz}), unpacked safely into the cache; or a directory.
 */
public final class SysrootResolver {

    /** The word that selects the provisioned Debian 11 ('sniper') sysroot. */
    public static final String SNIPER = "sniper";

    private final SysrootCache cache;

    public SysrootResolver(SysrootCache cache) {
        this.cache = cache;
    }

    /** A resolver over the per-user cache. */
    public static SysrootResolver standard() {
        return new SysrootResolver(new SysrootCache(SysrootCache.defaultRoot()));
    }

    public Sysroot resolve(String setting) throws SysrootException {
        String s = setting.trim();
        if (s.equals(Sysroot.HOST) || s.equals("/")) {
            return Sysroot.host();
        }
        if (s.equals(SNIPER)) {
            return Sysroot.directory(SniperSysroot.provision(cache));
        }
        Path path = Path.of(s);
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(path)) {
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar.xz") || name.endsWith(".tar")
                    || name.endsWith(".tar.bz2")) {
                return Sysroot.directory(cache.unpack(path));
            }
            throw new SysrootException("sysroot " + path + " is a file but not a tar archive (.tar.gz, .tar.xz, .tar):"
                    + " give an archive, a directory, 'sniper' or 'host'");
        }
        if (!Files.isDirectory(path)) {
            throw new SysrootException("sysroot " + path + " does not exist: give a directory, a sysroot archive,"
                    + " 'sniper' (Debian 11, provisioned automatically) or 'host'");
        }
        return Sysroot.directory(path);
    }
}
