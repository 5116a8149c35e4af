package dev.winelib.it;

import java.nio.file.Path;

/** The locations the it module's POM hands to the tests as system properties (see failsafe's configuration). */
final class ItSettings {

    private ItSettings() {
    }

    /** The Maven installation running this build (the wrapper's distribution), used for the test builds. */
    static Path mavenHome() {
        return Path.of(required("maven.home"));
    }

    /** The local repository the plugin and its runtime dependencies were staged into by invoker:install. */
    static Path localRepository() {
        return Path.of(required("it.localRepository"));
    }

    /** The user's local repository, a read-only tail of {@link #localRepository()} in the test builds. */
    static Path localRepositoryTail() {
        return Path.of(required("it.localRepositoryTail"));
    }

    /** The version of the plugin under test; replaces {@code @project.version@} in the test projects' POMs. */
    static String pluginVersion() {
        return required("it.pluginVersion");
    }

    /** The version of maven-archetype-plugin this build uses (ArchetypesIT runs its generate goal). */
    static String archetypePluginVersion() {
        return required("it.archetypePluginVersion");
    }

    /** The command line's release archives without their extension ({@code .tar.gz}, {@code .zip}). */
    static String cliArchive() {
        return required("it.cliArchive");
    }

    /** src/it: the test projects as they are kept. */
    static Path projectsSource() {
        return Path.of(required("it.projectsSource"));
    }

    /** target/it-projects: where each test project is copied to and built. */
    static Path projectsDirectory() {
        return Path.of(required("it.projectsDirectory"));
    }

    /** The WINEPREFIX all tests share. */
    static Path winePrefix() {
        return Path.of(required("it.winePrefix"));
    }

    /** bin/winebuild-j, the launcher of the command line. */
    static Path winebuildJ() {
        return Path.of(required("it.winebuildJ"));
    }

    /** The jar the launcher runs, built by this reactor build. */
    static Path winebuildJJar() {
        return Path.of(required("it.winebuildJJar"));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the integration tests"
                    + " through Maven (failsafe's systemPropertyVariables in it/pom.xml set it)");
        }
        return value;
    }
}
