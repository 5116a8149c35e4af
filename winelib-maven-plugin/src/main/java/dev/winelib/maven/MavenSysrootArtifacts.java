package dev.winelib.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import dev.winelib.sysroot.SysrootArtifact;
import dev.winelib.sysroot.SysrootArtifactResolver;
import dev.winelib.sysroot.SysrootException;

/** Sysroot archives given as Maven coordinates, resolved through the project's repositories. */
final class MavenSysrootArtifacts implements SysrootArtifactResolver {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    MavenSysrootArtifacts(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }

    @Override
    public Path resolve(SysrootArtifact a) throws SysrootException {
        DefaultArtifact artifact = new DefaultArtifact(a.groupId(), a.artifactId(), a.classifier().orElse(""), a.type(),
                a.version());
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, "winelib-sysroot"))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            String searched = repositories.isEmpty() ? "no remote repositories"
                    : repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
            throw new SysrootException("cannot resolve the sysroot artifact " + a + " (file " + a.fileName()
                    + ") from the local repository or " + searched + ": " + e.getMessage()
                    + ". Publish the archive with 'mvn deploy:deploy-file' (see the README), add the repository"
                    + " that has it to the POM or settings.xml, or give the archive's path.", e);
        }
    }
}
