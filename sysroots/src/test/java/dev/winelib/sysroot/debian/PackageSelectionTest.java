package dev.winelib.sysroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.winelib.sysroot.SysrootException;

/** Dependency closure over a small handwritten Packages index. */
class PackageSelectionTest {

    private static final URI ARCHIVE = URI.create("http://mirror.example/debian");

    static String pkg(String name, String version, String arch, String... fields) {
        StringBuilder sb = new StringBuilder("Package: " + name + "\nVersion: " + version + "\nArchitecture: " + arch
                + "\n");
        for (String f : fields) {
            sb.append(f).append('\n');
        }
        String sha = String.format("%064x", Math.abs((long) (name + version).hashCode()));
        return sb.append("Filename: pool/main/x/").append(name).append('_').append(version.replaceFirst("^[0-9]+:", ""))
                .append("_").append(arch).append(".deb\nSize: 100\nSHA256: ").append(sha).append("\n\n").toString();
    }

    static final String MAIN = pkg("libc6", "2.31-13", "amd64", "Priority: required")
            + pkg("libc6-dev", "2.31-13", "amd64", "Depends: libc6 (= 2.31-13), libc-dev-bin")
            + pkg("libc-dev-bin", "2.31-13", "amd64")
            + pkg("libfoo-dev", "1.0-1", "amd64", "Depends: libfoo1 (= 1.0-1), libbar-dev | libbaz-dev, awk:any",
                    "Pre-Depends: dpkg (>= 1.15)")
            + pkg("libfoo1", "1.0-1", "amd64", "Depends: libc6 (>= 2.14), libsound-provider")
            + pkg("libbar-dev", "2.0-1", "amd64", "Depends: libbar2 (>= 2.0)")
            + pkg("libbar2", "1.9-1", "amd64")
            + pkg("libbaz-dev", "1.0-1", "amd64")
            + pkg("mawk", "1.3.4-22", "amd64", "Provides: awk", "Multi-Arch: foreign", "Priority: required")
            + pkg("gawk", "1:5.1.0-1", "amd64", "Provides: awk", "Priority: optional")
            + pkg("pulse", "14.2-2", "amd64", "Provides: libsound-provider (= 1.0)")
            + pkg("alsa", "1.2-1", "amd64", "Provides: libsound-provider")
            + pkg("dpkg", "1.20.9", "amd64", "Essential: yes")
            + pkg("python3", "3.9.2-3", "amd64", "Multi-Arch: allowed")
            + pkg("tool-dev", "1.0", "all", "Depends: python3:any, debconf (>= 0.5) | debconf-2.0, libold (<< 2.0)")
            + pkg("libold", "1.0-1", "amd64")
            + pkg("armonly", "1.0", "arm64")
            + pkg("needs-arm", "1.0", "all", "Depends: libbaz-dev:arm64");
    static final String SECURITY = pkg("libbar2", "2.0-1+deb11u1", "amd64")
            + pkg("libc6", "2.31-13+deb11u5", "amd64") + pkg("libbaz-dev", "0.9-1", "amd64");

    static PackageIndex index() throws SysrootException {
        return PackageIndex.of(List.of(new PackageIndex.Source("bullseye", ARCHIVE, MAIN),
                new PackageIndex.Source("bullseye-security", URI.create("http://mirror.example/debian-security"),
                        SECURITY)));
    }

    @Test
    void newestVersionAcrossSuitesWins() throws Exception {
        PackageIndex index = index();
        assertThat(index.get("libc6").orElseThrow().version()).hasToString("2.31-13+deb11u5");
        assertThat(index.get("libc6").orElseThrow().suite()).isEqualTo("bullseye-security");
        assertThat(index.get("libc6").orElseThrow().uri().toString())
                .startsWith("http://mirror.example/debian-security/pool/main/x/libc6_");
        assertThat(index.get("libbaz-dev").orElseThrow().version()).hasToString("1.0-1"); // older in security
        assertThat(index.get("armonly")).isEmpty(); // neither amd64 nor all
    }

    @Test
    void closureFollowsDependsPreDependsAlternativesAndProvides() throws Exception {
        PackageSelection s = PackageSelection.resolve(index(), List.of("libc6"), List.of("libfoo-dev"));
        // libbar-dev: the first alternative; libbar2 (>= 2.0): met by the security version; awk:any: no real
        // package awk, so a provider, mawk (Priority required before gawk's optional); the virtual
        // libsound-provider: alsa and pulse both provide it, same priority, so the first by name
        assertThat(s.names()).containsExactly("alsa", "libbar-dev", "libbar2", "libc6", "libfoo-dev", "libfoo1", "mawk");
        assertThat(s.leftOut()).containsOnlyKeys("dpkg");
        assertThat(s.ids()).contains("libbar2=2.0-1+deb11u1");
        assertThat(s.requested()).containsExactly("libfoo-dev");
    }

    @Test
    void theBaseSetIsTakenWithoutItsDependencies() throws Exception {
        PackageSelection s = PackageSelection.resolve(index(), List.of("libc6", "libc6-dev"), List.of());
        assertThat(s.names()).containsExactly("libc6", "libc6-dev");
    }

    @Test
    void aVersionedDependencyNeedsAVersionedProvides() throws Exception {
        String extra = pkg("wants-sound", "1", "all", "Depends: libsound-provider (>= 1.0)");
        PackageIndex index = PackageIndex.of(List.of(new PackageIndex.Source("bullseye", ARCHIVE, MAIN + extra)));
        assertThat(PackageSelection.resolve(index, List.of(), List.of("wants-sound")).names())
                .containsExactly("pulse", "wants-sound");
    }

    @Test
    void anyQualifierNeedsMultiArchAllowedAndToolsAreLeftOut() throws Exception {
        PackageSelection s = PackageSelection.resolve(index(), List.of(), List.of("tool-dev"));
        assertThat(s.names()).containsExactly("libold", "tool-dev");
        assertThat(s.leftOut()).containsOnlyKeys("python3", "debconf");
    }

    @Test
    void aDependencyOnAnotherArchitectureCannotBeMet() throws Exception {
        assertThatThrownBy(() -> PackageSelection.resolve(index(), List.of(), List.of("needs-arm")))
                .isInstanceOf(SysrootException.class)
                .hasMessage("Debian 11 package needs-arm=1.0 depends on 'libbaz-dev:arm64', which no package of the"
                        + " index satisfies (the index has libbaz-dev=1.0-1)");
    }

    @Test
    void anUnmetVersionConstraintNamesWhatTheIndexHas() throws Exception {
        String extra = pkg("wants-new", "1", "all", "Depends: libold (>= 2.0)");
        PackageIndex index = PackageIndex.of(List.of(new PackageIndex.Source("bullseye", ARCHIVE, MAIN + extra)));
        assertThatThrownBy(() -> PackageSelection.resolve(index, List.of(), List.of("wants-new")))
                .hasMessage("Debian 11 package wants-new=1 depends on 'libold (>= 2.0)', which no package of the index"
                        + " satisfies (the index has libold=1.0-1)");
    }

    @Test
    void anUnknownPackageNamesTheClosestOne() throws Exception {
        assertThatThrownBy(() -> PackageSelection.resolve(index(), List.of(), List.of("libfoo-devv")))
                .isInstanceOf(SysrootException.class)
                .hasMessageStartingWith("no Debian 11 package 'libfoo-devv'; did you mean 'libfoo-dev'?");
        assertThatThrownBy(() -> PackageSelection.resolve(index(), List.of(), List.of("Bad Name")))
                .hasMessageContaining("'Bad Name' is not a Debian package name");
    }

    @Test
    void aVirtualPackageWithSeveralProvidersIsRefusedWithTheChoices() throws Exception {
        assertThatThrownBy(() -> PackageSelection.resolve(index(), List.of(), List.of("awk")))
                .hasMessage("Debian 11 package 'awk' is virtual, provided by gawk, mawk: add one of them instead");
    }

    @Test
    void relationsParse() {
        assertThat(Relation.parseField("a (>= 1.0), b:any | c (<< 2:1.0~x)").toString())
                .isEqualTo("[[a (>= 1.0)], [b:any, c (<< 2:1.0~x)]]");
    }
}
