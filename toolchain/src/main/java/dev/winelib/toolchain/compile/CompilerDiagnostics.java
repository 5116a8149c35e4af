package dev.winelib.toolchain.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.winelib.toolchain.BuildLog;

/**
 * What a compiler printed while it succeeded (warnings, notes), cut into one message per
 * diagnostic: a message starts at a line naming a place ({@code file:line[:column]: warning: ...},
 * or the {@code In function ...} and {@code In file included from ...} lines that lead up to one)
 * and keeps the source excerpt and caret lines that follow it. GCC, Clang and MinGW's GCC all
 * write this form.
 */
public final class CompilerDiagnostics {

    /** {@code file:line:col: kind:} or {@code file:line: kind:}, the kinds GCC and Clang print. */
    private static final Pattern DIAGNOSTIC = Pattern.compile(
            "^.+?:\\d+(:\\d+)?: (warning|error|note|fatal error|remark): .*");
    /** Lines that introduce the diagnostic after them. */
    private static final Pattern CONTEXT = Pattern.compile(
            "^(In file included from .*|\\s+from .*:\\d+[:,]|.+?: In (function|member function|constructor|"
                    + "destructor|instantiation|static member function|lambda function) .*|.+?: At (top level|"
                    + "global scope):)$");
    /** Lines that only continue the message before them (source excerpt, caret, fix-it). */
    private static final Pattern NOTE = Pattern.compile("^.+?:\\d+(:\\d+)?: note: .*");

    private CompilerDiagnostics() {
    }

    /**
     * The diagnostics of {@code output}, each as one message (lines joined with newlines); a note
     * stays with the warning it explains. Output that names no place becomes one message.
     */
    public static List<String> split(String output) {
        List<String> messages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean inContext = false;
        for (String line : output.strip().lines().toList()) {
            boolean context = CONTEXT.matcher(line).matches();
            boolean diagnostic = DIAGNOSTIC.matcher(line).matches();
            boolean startsNew = (context && !inContext) || (diagnostic && !inContext && !NOTE.matcher(line).matches());
            if (startsNew && !current.isEmpty()) {
                messages.add(String.join("\n", current));
                current = new ArrayList<>();
            }
            current.add(line);
            inContext = context;
        }
        if (!current.isEmpty() && !String.join("", current).isBlank()) {
            messages.add(String.join("\n", current));
        }
        return messages;
    }

    /** Sends each diagnostic of {@code output} to {@code log} as a warning. */
    public static void warn(String output, BuildLog log) {
        if (output.isBlank()) {
            return;
        }
        split(output).forEach(log::warn);
    }
}
