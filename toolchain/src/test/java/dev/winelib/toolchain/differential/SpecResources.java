package dev.winelib.toolchain.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hand-written specs under {@code src/test/resources/differential}. A spec may carry directives in a
 * comment, which both tools ignore: {@code # differential: -F NAME} (the module name, else the file name
 * without {@code .spec}), {@code # differential: rejected at line N} (where both tools must stop) and
 * {@code # differential: our module cannot be linked either}.
 */
final class SpecResources {

    private static final Pattern MODULE = Pattern.compile("^# differential: -F (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LINE = Pattern.compile("^# differential: rejected at line (\\d+)$",
            Pattern.MULTILINE);

    private SpecResources() {
    }

    /** The {@code *.spec} files of {@code differential/DIRECTORY}, sorted by name. */
    static List<Path> specs(String directory) {
        URL url = SpecResources.class.getResource("/differential/" + directory);
        if (url == null) {
            throw new IllegalStateException("no test resources differential/" + directory);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".spec")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String moduleName(Path spec) {
        Matcher m = MODULE.matcher(text(spec));
        if (m.find()) {
            return m.group(1);
        }
        String name = spec.getFileName().toString();
        return name.substring(0, name.length() - ".spec".length());
    }

    /** {@code # differential: our module cannot be linked either}. */
    static boolean ourModuleCannotBeLinked(Path spec) {
        return text(spec).contains("\n# differential: our module cannot be linked either\n")
                || text(spec).startsWith("# differential: our module cannot be linked either\n");
    }

    static Optional<Integer> rejectedAtLine(Path spec) {
        Matcher m = LINE.matcher(text(spec));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static String text(Path spec) {
        try {
            return Files.readString(spec, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
