package dev.winelib.sysroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Downloads Debian packages with apt, without touching the machine's apt configuration: a private
 * sources list, package lists, cache and an empty dpkg status live under a directory of ours. apt
 * checks the signature of the release (with the Debian archive keyring) and the checksum of every
 * package against it, so what is downloaded is what Debian signed.
 */
final class DebianPackageDownloader {

    /** The keyring apt checks Debian's release signatures with (Debian package debian-archive-keyring). */
    static final Path KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");

    private final Path stateDirectory;
    private final String suite;
    private final String mirror;

    /**
     * @param stateDirectory where the private apt state is kept
     * @param suite the Debian suite, e.g. {@code bullseye}
     * @param mirror the archive URL
     */
    DebianPackageDownloader(Path stateDirectory, String suite, String mirror) {
        this.stateDirectory = stateDirectory;
        this.suite = suite;
        this.mirror = mirror;
    }

    /** Downloads the packages into {@code target} and returns the .deb files, sorted by name. */
    List<Path> download(List<String> packages, Path target) throws SysrootException {
        String aptGet = findAptGet();
        if (!Files.isRegularFile(KEYRING)) {
            throw new SysrootException("cannot check Debian's signatures: " + KEYRING + " is missing (Debian package"
                    + " debian-archive-keyring); install it, or give a sysroot directory or archive instead");
        }
        try {
            Files.createDirectories(stateDirectory.resolve("lists/partial"));
            Files.createDirectories(stateDirectory.resolve("cache/archives/partial"));
            Files.createDirectories(target);
            Files.writeString(stateDirectory.resolve("sources.list"), "deb [signed-by=" + KEYRING + "] " + mirror + " "
                    + suite + " main\n", StandardCharsets.UTF_8);
            if (!Files.exists(stateDirectory.resolve("status"))) {
                Files.createFile(stateDirectory.resolve("status"));
            }
        } catch (IOException e) {
            throw new SysrootException("cannot prepare apt state in " + stateDirectory + ": " + e.getMessage(), e);
        }
        List<String> update = new ArrayList<>(List.of(aptGet, "-q"));
        update.addAll(options());
        update.add("update");
        run(update, stateDirectory, "apt-get update for Debian " + suite);
        List<String> download = new ArrayList<>(List.of(aptGet, "-q"));
        download.addAll(options());
        download.add("download");
        download.addAll(packages);
        run(download, target, "apt-get download " + String.join(" ", packages));
        try (Stream<Path> files = Files.list(target)) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().endsWith(".deb")).sorted().toList();
            if (debs.size() < packages.size()) {
                throw new SysrootException("apt-get downloaded " + debs.size() + " packages, expected " + packages.size()
                        + " (" + packages + ") in " + target);
            }
            return debs;
        } catch (IOException e) {
            throw new SysrootException("cannot list " + target + ": " + e.getMessage(), e);
        }
    }

    private List<String> options() {
        Path s = stateDirectory;
        return List.of(
                "-o", "Dir::Etc::SourceList=" + s.resolve("sources.list"),
                "-o", "Dir::Etc::SourceParts=/dev/null",
                "-o", "Dir::Etc::Preferences=/dev/null",
                "-o", "Dir::Etc::PreferencesParts=/dev/null",
                "-o", "Dir::State::Lists=" + s.resolve("lists"),
                "-o", "Dir::Cache=" + s.resolve("cache"),
                "-o", "Dir::State::status=" + s.resolve("status"),
                "-o", "APT::Architecture=amd64",
                "-o", "APT::Architectures=amd64",
                "-o", "APT::Sandbox::User=" + System.getProperty("user.name"),
                "-o", "Debug::NoLocking=1");
    }

    /** How to go on without provisioning. */
    static final String INSTEAD = "Give a sysroot instead (<sysroot>, -Dwinelib.sysroot=, CLI --sysroot): the path of"
            + " the Steam Runtime SDK archive (...sniper-sysroot.tar.gz) or of an unpacked sysroot directory, Maven"
            + " coordinates groupId:artifactId:version of a sysroot archive in your repository, or 'host'; or provision"
            + " it once on a machine with network access ('winebuild-j sysroot fetch') and copy"
            + " ~/.cache/winebuild-j/sysroots.";

    private static String findAptGet() throws SysrootException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "apt-get");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new SysrootException("cannot provision the 'sniper' sysroot here: apt-get was not found. " + INSTEAD);
    }

    private static void run(List<String> command, Path directory, String what) throws SysrootException {
        try {
            Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new SysrootException(what + " did not finish within 10 minutes");
            }
            if (p.exitValue() != 0) {
                throw new SysrootException(what + " failed (exit code " + p.exitValue() + "); without network access"
                        + " to Debian's archive the 'sniper' sysroot cannot be provisioned. " + INSTEAD + "\n"
                        + output.stripTrailing());
            }
        } catch (IOException e) {
            throw new SysrootException(what + " could not be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SysrootException(what + " was interrupted", e);
        }
    }
}
