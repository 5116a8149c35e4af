package dev.winelib.sysroot;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.winelib.sysroot.debian.DebianMirror;

/**
 * Turns a sysroot setting into a sysroot directory. A setting is one of:
 *
 * <ul>
 *   <li>{@code sniper} (the default): Debian 11, the base of the Steam Runtime 'sniper', provisioned
 *       from Debian's packages on first use, then cached; {@code amd64} packages, or {@code i386}
 *       ones for a resolver {@link #withArchitecture with the architecture} {@code i386};
 *   <li>the path of a sysroot archive ({@code .tar.gz}, {@code .tgz}, {@code .tar.xz},
 *       {@code .tar.bz2}, {@code .tar}, such as the Steam Runtime SDK's
 *       {@code ...sniper-sysroot.tar.gz}), unpacked safely into the cache;
 *   <li>an unpacked sysroot directory;
 *   <li>Maven coordinates {@code groupId:artifactId:version[:classifier][:type]} of a sysroot
 *       archive, found by the {@link SysrootArtifactResolver} and unpacked into the cache;
 *   <li>{@code host}: this machine's own libraries.
 * </ul>
 */
public final class SysrootResolver {

    /** The word that selects the provisioned Debian 11 ('sniper') sysroot. */
    public static final String SNIPER = "sniper";
    /** The setting used when none is given. */
    public static final String DEFAULT = SNIPER;

    private final SysrootCache cache;
    private final SysrootArtifactResolver artifacts;
    private final Consumer<String> log;
    private final List<String> debianPackages;
    private final DebianMirror mirror;
    private final Architecture architecture;

    /** A resolver that finds artifacts in the local Maven repository and reports nothing. */
    public SysrootResolver(SysrootCache cache) {
        this(cache, LocalRepositoryArtifacts.standard(), SILENT);
    }

    /**
     * A log that reports nothing. (Classes and loops rather than lambdas and streams on the path every
     * build takes: each lambda's call site is linked on its first use, which every short run of the
     * command line pays on Java 17.)
     */
    static final Consumer<String> SILENT = new Consumer<>() {
        @Override
        public void accept(String message) {
            // nothing
        }
    };

    /**
     * @param artifacts finds sysroot archives given as Maven coordinates
     * @param log receives progress messages (provisioning, unpacking)
     */
    public SysrootResolver(SysrootCache cache, SysrootArtifactResolver artifacts, Consumer<String> log) {
        this(cache, artifacts, log, List.of(), DebianMirror.debian(), Architecture.DEFAULT);
    }

    private SysrootResolver(SysrootCache cache, SysrootArtifactResolver artifacts, Consumer<String> log,
            List<String> debianPackages, DebianMirror mirror, Architecture architecture) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.log = Objects.requireNonNull(log, "log");
        this.debianPackages = SniperSysroot.normalize(debianPackages);
        this.mirror = Objects.requireNonNull(mirror, "mirror");
    }

    /**
     * This resolver, with Debian 11 packages to add to the 'sniper' sysroot (with their
     * dependencies), e.g. {@code libpulse-dev}; they apply only to {@code sniper}.
     */
    public SysrootResolver withDebianPackages(List<String> packages) {
        return new SysrootResolver(cache, artifacts, log, packages, mirror, architecture);
    }

    /**
     * This resolver, for modules of {@code architecture}: {@code sniper} then means the tree of
     * Debian 11 packages of that architecture ({@code amd64} or {@code i386}), with the Debian
     * packages added to it resolved for that architecture too. Other sysroots are taken as given.
     */
    public SysrootResolver withArchitecture(Architecture architecture) {
        return new SysrootResolver(cache, artifacts, log, debianPackages, mirror, architecture);
    }

    /** The architecture {@code sniper} is provisioned for. */
    public Architecture architecture() {
        return architecture;
    }

    /** This resolver, provisioning the 'sniper' sysroot from {@code mirror}. */
    public SysrootResolver withDebianMirror(DebianMirror mirror) {
        return new SysrootResolver(cache, artifacts, log, debianPackages, mirror, architecture);
    }

    /** The Debian packages added to the 'sniper' sysroot (sorted, no repeats). */
    public List<String> debianPackages() {
        return debianPackages;
    }

    public DebianMirror debianMirror() {
        return mirror;
    }

    /** Hints for a failed build against the 'sniper' tree {@code tree} this resolver provisioned. */
    public SysrootHints hints(java.nio.file.Path tree) throws SysrootException {
        return SysrootHints.forSniper(cache, architecture, tree, debianPackages, mirror, log);
    }

    /**
     * Hints for a failed build against {@code sysroot}, which {@code setting} resolved to: for
     * {@code sniper}, those of {@link #hints}; other sysroots hold what their makers put in them,
     * so there are none.
     */
    public Optional<SysrootHints> hints(String setting, Sysroot sysroot) throws SysrootException {
        String s = setting == null || setting.isBlank() ? DEFAULT : setting.trim();
        return s.equals(SNIPER) && !sysroot.isHost() ? Optional.of(hints(sysroot.root())) : Optional.empty();
    }

    /** A resolver over the per-user cache. */
    public static SysrootResolver standard() {
        return new SysrootResolver(new SysrootCache(SysrootCache.defaultRoot()));
    }

    /** A resolver over the per-user cache with the given artifact lookup and progress log. */
    public static SysrootResolver standard(SysrootArtifactResolver artifacts, Consumer<String> log) {
        return new SysrootResolver(new SysrootCache(SysrootCache.defaultRoot()), artifacts, log);
    }

    public SysrootCache cache() {
        return cache;
    }

    /** The sysroot a setting names; a blank or absent setting means {@link #DEFAULT}. */
    public Sysroot resolve(String setting) throws SysrootException {
        return resolve(setting, Optional.empty());
    }

    /**
     * The sysroot a setting names, where an archive (a path or an artifact) must have the given
     * sha256, e.g. the one published next to the Steam Runtime SDK's archive.
     *
     * @throws SysrootException also when a sha256 is given for a setting that is not an archive
     */
    public Sysroot resolve(String setting, Optional<String> archiveSha256) throws SysrootException {
        String s = setting == null || setting.isBlank() ? DEFAULT : setting.trim();
        Optional<String> sha256 = archiveSha256.isPresent() && !archiveSha256.get().trim().isEmpty()
                ? Optional.of(archiveSha256.get().trim()) : Optional.empty();
        if (sha256.isPresent() && (s.equals(Sysroot.HOST) || s.equals("/") || s.equals(SNIPER)
                || Files.isDirectory(Path.of(s)))) {
            throw new SysrootException("a sysroot sha256 (" + sha256.get() + ") applies only to an archive, not to"
                    + " sysroot '" + s + "': remove it or give the archive");
        }
        if (!debianPackages.isEmpty() && !s.equals(SNIPER)) {
            throw new SysrootException("Debian packages (" + String.join(" ", debianPackages) + ") can be added only"
                    + " to the 'sniper' sysroot, not to sysroot '" + s + "': remove sysrootPackages or use 'sniper'");
        }
        if (s.equals(Sysroot.HOST) || s.equals("/")) {
            return Sysroot.host();
        }
        if (s.equals(SNIPER)) {
            return Sysroot.directory(SniperSysroot.provision(cache, architecture, debianPackages, mirror, log));
        }
        Path path;
        try {
            path = Path.of(s);
        } catch (InvalidPathException e) {
            throw new SysrootException("sysroot '" + s + "' is not a valid path: " + e.getMessage());
        }
        if (Files.isRegularFile(path)) {
            return Sysroot.directory(unpack(path, sha256));
        }
        if (Files.isDirectory(path)) {
            return Sysroot.directory(path);
        }
        if (SysrootArtifact.looksLikeCoordinates(s)) {
            SysrootArtifact artifact = SysrootArtifact.parse(s);
            Path archive = artifacts.resolve(artifact);
            log.accept("sysroot " + artifact + ": " + archive);
            return Sysroot.directory(unpack(archive, sha256));
        }
        throw new SysrootException("sysroot " + path + " does not exist: give 'sniper' (Debian 11, provisioned"
                + " automatically), a sysroot archive or directory, Maven coordinates"
                + " groupId:artifactId:version[:classifier][:type] of a sysroot archive, or 'host'");
    }

    /**
     * The cache tree a setting names, without provisioning, unpacking or repairing anything: what
     * {@code verify} checks.
     *
     * @throws SysrootException for {@code host}, or when the sysroot has not been fetched yet
     */
    public Path locateWithoutChanges(String setting) throws SysrootException {
        String s = setting == null || setting.isBlank() ? DEFAULT : setting.trim();
        if (s.equals(Sysroot.HOST) || s.equals("/")) {
            throw new SysrootException("sysroot 'host' is this machine's own libraries, not a tree of the cache:"
                    + " nothing to verify");
        }
        Optional<Path> tree;
        if (s.equals(SNIPER)) {
            tree = SniperSysroot.existingTree(cache, architecture, debianPackages);
        } else if (Files.isDirectory(Path.of(s))) {
            return Path.of(s).toAbsolutePath().normalize();
        } else if (Files.isRegularFile(Path.of(s))) {
            tree = cache.existingTree(Path.of(s));
        } else if (SysrootArtifact.looksLikeCoordinates(s)) {
            tree = cache.existingTree(artifacts.resolve(SysrootArtifact.parse(s)));
        } else {
            throw new SysrootException("sysroot " + s + " does not exist");
        }
        if (tree.isEmpty()) {
            throw new SysrootException("sysroot " + s + " is not in the cache " + cache.root()
                    + " yet: fetch it first ('winebuild-j sysroot fetch' or the winelib:sysroot goal)");
        }
        return tree.get();
    }

    private Path unpack(Path archive, Optional<String> sha256) throws SysrootException {
        String name = archive.getFileName() == null ? "" : archive.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean archiveName = false;
        for (String type : SysrootArtifact.TYPES) {
            archiveName |= name.endsWith("." + type);
        }
        if (!archiveName) {
            throw new SysrootException("sysroot " + archive + " is a file but not a tar archive (.tar.gz, .tgz,"
                    + " .tar.xz, .tar.bz2, .tar): give an archive, a directory, 'sniper' or 'host'");
        }
        return cache.unpack(archive, sha256);
    }
}
