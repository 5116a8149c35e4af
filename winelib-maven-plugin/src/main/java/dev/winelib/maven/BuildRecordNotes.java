package dev.winelib.maven;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import dev.winelib.toolchain.build.BuildRecord;

/**
 * What a goal puts into its {@link BuildRecord} besides files: the key (every parameter's value, the
 * environment, the plugin's own jars and the source directories), and the notes that a no-op build
 * replays instead of building: the log lines of the last build, the project's artifact and the
 * attached artifacts.
 */
final class BuildRecordNotes {

    private static final String INFO = "info ";
    private static final String ARTIFACT = "artifact ";
    private static final String ATTACH = "attach ";

    private BuildRecordNotes() {
    }

    /**
     * The key text, and the files it stands for: the plugin's jars and every directory below the
     * source directories that exist. The directories are found only when a record is written: a no-op
     * compares the recorded ones (a directory added or removed anywhere below changes its parent).
     */
    record Key(String text, List<Path> jars, List<Path> roots) {

        /** The jars and every directory below the roots, as files of the record. */
        BuildRecord.Files files() throws IOException {
            Set<Path> inputs = new LinkedHashSet<>(jars);
            for (Path dir : roots) {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attributes) {
                        inputs.add(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            return new BuildRecord.Files(inputs, Set.of(), List.of());
        }
    }

    /**
     * The key of {@code mojo}'s build of {@code spec}: the value of each of its parameters (every
     * field of a simple type: text, file, flag, number or a list of them), the environment, the
     * plugin's jars (another plugin version builds again), and the files whose status stands for
     * more: the jars (a rebuilt plugin builds again) and each directory below {@code directories} (a
     * source or header added, removed or renamed changes its directory).
     */
    static Key key(AbstractMojo mojo, Path spec, List<Path> directories) throws IOException {
        StringBuilder b = new StringBuilder("goal ").append(mojo.getClass().getName()).append('\n');
        b.append("spec ").append(spec.toAbsolutePath().normalize()).append('\n');
        for (Class<?> c = mojo.getClass(); c != null && c != AbstractMojo.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || !simple(f.getType())) {
                    continue;
                }
                f.setAccessible(true);
                Object value;
                try {
                    value = f.get(mojo);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (value instanceof Collection<?> values && !allSimple(values)) {
                    continue; // resolved repositories and the like: not a setting of the build
                }
                b.append("parameter ").append(c.getSimpleName()).append('.').append(f.getName()).append('=')
                        .append(String.valueOf(value).replace('\n', ' ')).append('\n');
            }
        }
        b.append(BuildRecord.environmentKey(System.getenv()));
        List<Path> jars = pluginJars(mojo);
        for (Path jar : jars) {
            b.append("jar ").append(jar).append('\n');
        }
        List<Path> roots = new ArrayList<>();
        for (Path d : directories) {
            Path dir = d.toAbsolutePath().normalize();
            boolean exists = Files.isDirectory(dir);
            b.append("directory ").append(dir).append(exists ? " exists" : " absent").append('\n');
            if (exists) {
                roots.add(dir);
            }
        }
        return new Key(b.toString(), jars, roots);
    }

    /** Whether every value is null or simple (a loop, not a stream: no lambda to spin up on a no-op build). */
    private static boolean allSimple(Collection<?> values) {
        for (Object v : values) {
            if (v != null && !simple(v.getClass())) {
                return false;
            }
        }
        return true;
    }

    private static boolean simple(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type == String.class || type == File.class
                || type == Boolean.class || Number.class.isAssignableFrom(type)
                || Collection.class.isAssignableFrom(type);
    }

    /** The jars of the plugin's class realm: the plugin and every library it runs. */
    private static List<Path> pluginJars(AbstractMojo mojo) {
        List<Path> jars = new ArrayList<>();
        if (mojo.getClass().getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                try {
                    if (url.getProtocol().equals("file")) {
                        jars.add(Path.of(url.toURI()));
                    }
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: not recorded
                }
            }
        }
        return jars;
    }

    /** A log line to repeat. */
    static String info(String message) {
        return INFO + message;
    }

    /** The project's artifact. */
    static String artifact(Path file) {
        return ARTIFACT + file.toAbsolutePath();
    }

    /** An attached artifact. */
    static String attach(String type, String classifier, Path file) {
        return ATTACH + type + " " + classifier + " " + file.toAbsolutePath();
    }

    private static final String SYSROOT = "sysroot ";

    /** The sysroot tree the build used. */
    static String sysroot(Path tree) {
        return SYSROOT + tree.toAbsolutePath().normalize();
    }

    /** The sysroot tree of {@code notes} when none of the {@code changed} files is in it. */
    static java.util.Optional<Path> unchangedSysroot(List<String> notes, Set<Path> changed) {
        for (String note : notes) {
            if (note.startsWith(SYSROOT)) {
                Path tree = Path.of(note.substring(SYSROOT.length()));
                // a loop: every changed build comes here, and a stream's first use costs more than it
                for (Path p : changed) {
                    if (p.startsWith(tree)) {
                        return java.util.Optional.empty();
                    }
                }
                return java.util.Optional.of(tree);
            }
        }
        return java.util.Optional.empty();
    }

    /** Does what the build that recorded {@code notes} did for the project, and says it again. */
    static void replay(List<String> notes, Log log, MavenProject project, MavenProjectHelper helper) {
        for (String note : notes) {
            if (note.startsWith(INFO)) {
                log.info(note.substring(INFO.length()));
            } else if (note.startsWith(ARTIFACT)) {
                project.getArtifact().setFile(new File(note.substring(ARTIFACT.length())));
            } else if (note.startsWith(ATTACH)) {
                String[] parts = note.substring(ATTACH.length()).split(" ", 3);
                helper.attachArtifact(project, parts[0], parts[1], new File(parts[2]));
            }
        }
    }
}
