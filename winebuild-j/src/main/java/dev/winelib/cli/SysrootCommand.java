package dev.winelib.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.SysrootCommands;
import dev.winelib.sysroot.SysrootCommands.Action;
import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootResolver;
import dev.winelib.sysroot.debian.DebianMirror;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winebuild-j sysroot fetch|path|list|verify}: manages sysroots and the sysroot cache. */
@Command(name = "sysroot",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        description = "Manages sysroots and the per-user sysroot cache ($XDG_CACHE_HOME/winebuild-j/sysroots)."
                + " A SYSROOT is 'sniper' (Debian 11, provisioned from Debian's archive on first use, without apt;"
                + " --package adds Debian 11 packages to it, --arch i386 makes it of i386 packages), 'host', the path of a"
                + " sysroot archive (.tar.gz, .tgz, .tar.xz, .tar.bz2, .tar) or directory, or Maven coordinates"
                + " groupId:artifactId:version[:classifier][:type] of an archive in the local Maven repository.",
        footer = {"", "Exit status: 0 on success, 1 on an error or a damaged tree, 2 on a usage error."})
final class SysrootCommand {

    @Spec
    CommandSpec spec;

    /** What the 'sniper' sysroot is made of and where from: the options of fetch, path and verify. */
    static final class SniperOptions {
        @Option(names = "--package", paramLabel = "PACKAGE", description = "a Debian 11 package to add to the"
                + " 'sniper' sysroot with what it depends on, e.g. libpulse-dev (repeatable; also comma-separated);"
                + " the same list as the plugin's <sysrootPackages> gives the same tree")
        List<String> packages = new ArrayList<>();

        @Option(names = "--debian-mirror", paramLabel = "URL", description = "the Debian archive to provision"
                + " 'sniper' from (default " + DebianMirror.DEFAULT_ARCHIVE + "; the security archive is its sibling"
                + " debian-security); every file is checked against Debian's signed release files")
        String debianMirror;

        @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64 (default) or i386: which 'sniper' tree,"
                + " of Debian 11's amd64 or i386 packages (the --package list is resolved for it too)")
        String architecture;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Provision, find or unpack the sysroots now (default: sniper) and print where they are.")
    int fetch(@Mixin SniperOptions sniper, @Parameters(paramLabel = "SYSROOT", arity = "0..*") List<String> sysroots) {
        return run(Action.FETCH, sniper, sysroots);
    }

    @Command(name = "path", mixinStandardHelpOptions = true,
            description = "Print the directory of each sysroot (default: sniper), provisioning it if needed.")
    int path(@Mixin SniperOptions sniper, @Parameters(paramLabel = "SYSROOT", arity = "0..*") List<String> sysroots) {
        return run(Action.PATH, sniper, sysroots);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the trees of the sysroot cache: key, size, origin, archive sha256.")
    int list() {
        return run(Action.LIST, new SniperOptions(), List.of());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check cached trees against their manifests, hashing every file (default: every tree).")
    int verify(@Mixin SniperOptions sniper,
            @Parameters(paramLabel = "SYSROOT", arity = "0..*") List<String> sysroots) {
        return run(Action.VERIFY, sniper, sysroots);
    }

    private int run(Action action, SniperOptions sniper, List<String> sysroots) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SysrootResolver resolver = SysrootResolver.standard(
                    dev.winelib.sysroot.LocalRepositoryArtifacts.standard(), message -> err.println("winebuild-j: " + message))
                    .withDebianPackages(sniper.packages)
                    .withDebianMirror(DebianMirror.of(sniper.debianMirror, null))
                    .withArchitecture(Architecture.parse(sniper.architecture));
            SysrootCommands.Outcome outcome = new SysrootCommands(resolver)
                    .run(action, sysroots == null ? List.of() : new ArrayList<>(sysroots));
            outcome.lines().forEach(out::println);
            out.flush();
            return outcome.ok() ? 0 : 1;
        } catch (SysrootException e) {
            err.println("winebuild-j: sysroot " + action + ": " + e.getMessage());
            return 1;
        }
    }
}
