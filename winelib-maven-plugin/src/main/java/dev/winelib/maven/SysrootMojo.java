package dev.winelib.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.SysrootCommands;
import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootResolver;

/**
 * Manages sysroots without building: {@code fetch} provisions, downloads or unpacks the configured
 * sysroot now (e.g. in a CI image, before going offline) and prints where it is; {@code path}
 * prints only its directory; {@code list} shows the trees of the per-user sysroot cache;
 * {@code verify} checks cached trees against their manifests (every file's sha256) and fails if one
 * is damaged. Runs inside or outside a project:
 * {@code mvn dev.winelib:winelib-maven-plugin:sysroot -Dwinelib.sysrootAction=list}.
 */
@Mojo(name = "sysroot", requiresProject = false, threadSafe = true)
public final class SysrootMojo extends SysrootSupport {

    /** What to do: {@code fetch}, {@code path}, {@code list} or {@code verify}. */
    @Parameter(property = "winelib.sysrootAction", defaultValue = "fetch")
    private String action;

    /**
     * The sysroot, as for the {@code build} goal: {@code sniper} (default), {@code host}, an archive
     * or directory path, or Maven coordinates {@code groupId:artifactId:version[:classifier][:type]}.
     * For {@code verify}: when not set on the command line, every tree of the cache is verified.
     */
    @Parameter(property = "winelib.sysroot")
    private String sysroot;

    /**
     * The architecture of the {@code sniper} tree: {@code x86_64} (Debian {@code amd64}, the
     * default) or {@code i386} (Debian {@code i386}, the tree of the build goal's architecture
     * {@code i386}).
     */
    @Parameter(property = "winelib.architecture", defaultValue = "x86_64") private String architecture;

    @Override
    Architecture architecture() throws SysrootException {
        return Architecture.parse(architecture);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            SysrootCommands.Action a = SysrootCommands.Action.parse(action);
            SysrootResolver resolver = sysrootResolver();
            List<String> settings = new ArrayList<>();
            if (sysroot != null && !sysroot.isBlank()) {
                settings.add(sysroot);
            }
            SysrootCommands.Outcome outcome = new SysrootCommands(resolver).run(a, settings);
            outcome.lines().forEach(getLog()::info);
            if (!outcome.ok()) {
                throw new MojoFailureException("sysroot " + a + ": damaged trees in " + resolver.cache().root()
                        + " (listed above)");
            }
        } catch (SysrootException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
