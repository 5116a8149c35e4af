package dev.winelib.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import dev.winelib.sysroot.Architecture;
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
     * comma-separated; empty entries are ignored). Only for {@code sniper}; see docs/sysroots.md.
     */
    @Parameter(property = "winelib.sysrootPackages") protected List<String> sysrootPackages = new ArrayList<>();

    /**
     * The Debian archive the 'sniper' sysroot is provisioned from (default
     * {@code http://deb.debian.org/debian}; the security archive is its sibling
     * {@code debian-security}). Every file is checked against Debian's signed release files.
     */
    @Parameter(property = "winelib.debianMirror") protected String debianMirror;

    final SysrootResolver sysrootResolver() throws SysrootException {
        return sysrootResolver(architecture());
    }

    /** The resolver of the sysroots of {@code target}. */
    final SysrootResolver sysrootResolver(Architecture target) throws SysrootException {
        return SysrootResolver.standard(
                new MavenSysrootArtifacts(repositorySystem, repositorySession, remoteRepositories), getLog()::info)
                .withDebianPackages(sysrootPackages)
                .withDebianMirror(DebianMirror.of(debianMirror, null))
                .withArchitecture(target);
    }

    /**
     * What the goal builds for, and so which 'sniper' tree it uses: {@code x86_64} unless the goal
     * has an {@code architecture} parameter.
     *
     * @throws SysrootException for a value other than {@code x86_64} or {@code i386}
     */
    Architecture architecture() throws SysrootException {
        return Architecture.DEFAULT;
    }
}
