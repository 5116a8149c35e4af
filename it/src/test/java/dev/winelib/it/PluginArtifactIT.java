package dev.winelib.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The plugin as the invoked builds get it: one jar with the libraries it runs inside, and a POM without
 * parent or dependencies (so Maven has no dependency tree to collect when it loads the extension).
 */
class PluginArtifactIT {

    private static Path artifact(String extension) {
        String version = ItSettings.pluginVersion();
        return ItSettings.localRepository().resolve("dev/winelib/winelib-maven-plugin").resolve(version)
                .resolve("winelib-maven-plugin-" + version + "." + extension);
    }

    @Test
    void publishedPomNamesNoParentAndNoDependencies() throws Exception {
        Path pom = artifact("pom");
        assertThat(pom).isRegularFile();
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getDocumentElement();
        List<String> children = new ArrayList<>();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                children.add(n.getNodeName());
            }
        }
        assertThat(children).as(pom.toString()).contains("groupId", "artifactId", "version", "packaging")
                .doesNotContain("parent", "dependencies", "dependencyManagement", "build");
    }

    @Test
    void jarHoldsThePluginAndItsLibrariesWithTheirLicencesAndNoSignatures() throws Exception {
        Path jar = artifact("jar");
        assertThat(jar).isRegularFile();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).as("entries named twice").doesNotHaveDuplicates();
        assertThat(names).contains(
                "META-INF/maven/plugin.xml",
                "META-INF/plexus/components.xml",
                "dev/winelib/maven/BuildMojo.class",
                "dev/winelib/toolchain/build/WinelibBuilder.class",
                "dev/winelib/unixlib/UnixlibBuilder.class",
                "org/bouncycastle/openpgp/PGPPublicKey.class",
                "org/bouncycastle/jce/provider/BouncyCastleProvider.class",
                "org/apache/commons/compress/archivers/tar/TarArchiveInputStream.class",
                "org/tukaani/xz/XZInputStream.class",
                "com/google/gson/Gson.class",
                "freemarker/template/Template.class",
                "META-INF/services/java.security.Provider",
                // the licence and notice texts of the bundled libraries
                "META-INF/LICENSE.txt", "META-INF/LICENSE.md", "META-INF/LICENSE", "META-INF/NOTICE");
        assertThat(names).as("signature files of the signed jars, module descriptors")
                .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
                .noneMatch(n -> n.endsWith("module-info.class"))
                .noneMatch(n -> n.equals("META-INF/maven/extension.xml"));

        try (JarFile multiRelease = new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
            assertThat(multiRelease.isMultiRelease()).isTrue();
            // a class with a Java 9+ variant is read from META-INF/versions, as from the library's own jar
            Set<String> all = new HashSet<>(names);
            String variant = names.stream()
                    .filter(n -> n.matches("META-INF/versions/9/.+\\.class"))
                    .filter(n -> all.contains(n.substring("META-INF/versions/9/".length())))
                    .findFirst().orElseThrow();
            JarEntry entry = multiRelease.getJarEntry(variant.substring("META-INF/versions/9/".length()));
            assertThat(entry.getRealName()).isEqualTo(variant);
            try (InputStream notice = multiRelease.getInputStream(multiRelease.getJarEntry("META-INF/NOTICE"))) {
                assertThat(new String(notice.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("Apache Commons Compress");
            }
        }
    }
}
