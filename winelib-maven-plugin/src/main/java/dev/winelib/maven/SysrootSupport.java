package dev.winelib.maven;

import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import dev.winelib.sysroot.SysrootResolver;

/**
 * What the goals that use a sysroot share: a resolver over the per-user sysroot cache that reports
 * progress to the build log and resolves sysroot artifacts through the project's repositories.
 */
abstract class SysrootSupport extends AbstractMojo {

    @Component
    private RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    private List<RemoteRepository> remoteRepositories;

    final SysrootResolver sysrootResolver() {
        return SysrootResolver.standard(
                new MavenSysrootArtifacts(repositorySystem, repositorySession, remoteRepositories), getLog()::info);
    }
}
