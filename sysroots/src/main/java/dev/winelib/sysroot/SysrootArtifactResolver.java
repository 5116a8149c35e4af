package dev.winelib.sysroot;

import java.nio.file.Path;

/** Finds the archive file of a sysroot published as a Maven artifact (downloading it if needed). */
@FunctionalInterface
public interface SysrootArtifactResolver {

    /**
     * The archive.
     *
     * @throws SysrootException when the artifact cannot be found, naming where it was looked for
     */
    Path resolve(SysrootArtifact artifact) throws SysrootException;
}
