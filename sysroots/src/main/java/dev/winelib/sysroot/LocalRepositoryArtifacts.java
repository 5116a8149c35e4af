package dev.winelib.sysroot;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sysroot artifacts looked up in a local Maven repository only (no download): what the command line
 * tool uses, since it has no Maven repositories configured. The Maven plugin resolves through the
 * project's repositories instead.
 */
public final class LocalRepositoryArtifacts implements SysrootArtifactResolver {

    private final Path repository;

    public LocalRepositoryArtifacts(Path repository) {
        this.repository = repository.toAbsolutePath().normalize();
    }

    /** The {@code maven.repo.local} system property, or {@code ~/.m2/repository}. */
    public static LocalRepositoryArtifacts standard() {
        String configured = System.getProperty("maven.repo.local");
        return new LocalRepositoryArtifacts(configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /** Where {@code artifact} lies in the repository's layout. */
    public Path pathOf(SysrootArtifact artifact) {
        Path dir = repository;
        for (String segment : artifact.groupId().split("\\.")) {
            dir = dir.resolve(segment);
        }
        return dir.resolve(artifact.artifactId()).resolve(artifact.version()).resolve(artifact.fileName());
    }

    @Override
    public Path resolve(SysrootArtifact artifact) throws SysrootException {
        Path file = pathOf(artifact);
        if (!Files.isRegularFile(file)) {
            String get = artifact.groupId() + ":" + artifact.artifactId() + ":" + artifact.version() + ":"
                    + artifact.type() + artifact.classifier().map(c -> ":" + c).orElse("");
            throw new SysrootException("sysroot artifact " + artifact + " is not in the local Maven repository (" + file
                    + " does not exist): fetch it with 'mvn dependency:get -Dartifact=" + get
                    + "', or give the archive's path");
        }
        return file;
    }
}
