package dev.winelib.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootResolver;
import dev.winelib.sysroot.debian.DebianMirror;

/**
 * What the goals that use a sysroot share: a resolver over the per-user sysroot cache that reports
 * progress to the build log, resolves sysroot artifacts through the project's repositories, and
 * provisions the 'sniper' sysroot with the configured Debian packages from the configured mirror.
 */
abstract class SysrootSupport extends AbstractMojo {

    @Component
    private RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    private List<RemoteRepository> remoteRepositories;

    /**
     * Debian 11 packages added to the 'sniper' sysroot, with what they depend on, e.g.
     * {@code libpulse-dev}, {@code libsdl2-dev}, {@code libvulkan-dev} (as a property:
     * comma-separated). Only for {@code sniper}; see docs/sysroots.md.
     */
    @Parameter(property = "winelib.sysrootPackages") protected List<String> sysrootPackages = new ArrayList<>();

    /**
     * The Debian archive the 'sniper' sysroot is provisioned from (default
     * {@code http://deb.debian.org/debian}; the security archive is its sibling
     * {@code debian-security}). Every file is checked against Debian's signed release files.
     */
    @Parameter(property = "winelib.debianMirror") protected String debianMirror;

    final SysrootResolver sysrootResolver() throws SysrootException {
        return SysrootResolver.standard(
                new MavenSysrootArtifacts(repositorySystem, repositorySession, remoteRepositories), getLog()::info)
                .withDebianPackages(listParameter(sysrootPackages, WORDS))
                .withDebianMirror(DebianMirror.of(debianMirror, null));
    }

    /** Separates entries of a list of names: commas and white space. */
    static final String WORDS = "[,\\s]+";
    /** Separates entries that may hold spaces ({@code sdl2 >= 2.0.10}): commas. */
    static final String COMMAS = ",";

    /**
     * A list parameter's entries, each split at {@code separators}, stripped, without empty ones:
     * Maven gives {@code -Dx=,} as empty or missing entries, and {@code <x>a b</x>} as one entry.
     */
    static List<String> listParameter(List<String> values, String separators) {
        List<String> entries = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value != null) {
                    for (String part : value.split(separators)) {
                        if (!part.isBlank()) {
                            entries.add(part.strip());
                        }
                    }
                }
            }
        }
        return entries;
    }
}
