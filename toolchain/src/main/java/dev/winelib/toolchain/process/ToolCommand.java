package dev.winelib.toolchain.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A program with the arguments it always gets, such as winegcc's {@code --cc-cmd="/usr/bin/gcc -m64"}.
 *
 * @param program the program
 * @param arguments the arguments that come first on each of its command lines
 */
public record ToolCommand(Path program, List<String> arguments) {

    public ToolCommand {
        Objects.requireNonNull(program, "program");
        arguments = List.copyOf(arguments);
    }

    /** A program without fixed arguments. */
    public static ToolCommand of(Path program) {
        return new ToolCommand(program, List.of());
    }

    /** The command line: the program, its fixed arguments, then {@code more}. */
    public List<String> commandLine(List<String> more) {
        List<String> line = new ArrayList<>();
        line.add(program.toString());
        line.addAll(arguments);
        line.addAll(more);
        return line;
    }

    @Override
    public String toString() {
        return String.join(" ", commandLine(List.of()));
    }
}
