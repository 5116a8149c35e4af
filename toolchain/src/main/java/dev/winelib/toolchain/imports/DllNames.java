package dev.winelib.toolchain.imports;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** DLL file names: normalisation, and the encoding Wine's Unix import libraries use in symbol names. */
final class DllNames {

    private static final String VALID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.";

    private DllNames() {
    }

    /**
     * The requested name in lower case, white space around it removed.
     *
     * @throws IllegalArgumentException when it cannot be a file name
     */
    static String normalize(String requested) {
        String name = requested.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.chars().anyMatch(
                c -> c == '/' || c == '\\' || c == 0 || c == ':' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + requested + "' is not a DLL name");
        }
        return name;
    }

    /** Whether a normalised name has an extension ({@code .dll}, {@code .drv}, ...). */
    static boolean hasExtension(String name) {
        return name.indexOf('.') >= 0;
    }

    /** The part before the last dot ({@code winspool.drv} gives {@code winspool}); the name without a dot. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /**
     * The file names a request may mean, in order: the name itself when it has a dot, then the name
     * with {@code .dll} appended unless it already ends so ({@code kernel32} is {@code kernel32.dll},
     * {@code windows.media} is {@code windows.media.dll} when there is no {@code windows.media}).
     */
    static List<String> exactCandidates(String normalized) {
        if (!hasExtension(normalized)) {
            return List.of(normalized + ".dll");
        }
        if (normalized.endsWith(".dll")) {
            return List.of(normalized);
        }
        return List.of(normalized, normalized + ".dll");
    }

    /**
     * Encodes a DLL file name for the symbols of a Unix import library, as winebuild does:
     * {@code .dll} dropped, characters other than letters, digits, {@code _} and {@code .} written as
     * {@code $xNN}.
     */
    static String encode(String dllFileName) {
        String name = dllFileName.endsWith(".dll") ? dllFileName.substring(0, dllFileName.length() - 4)
                : dllFileName;
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (VALID_CHARS.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(String.format("$x%02x", (int) c & 0xff));
            }
        }
        return out.toString();
    }

    /** A decoded DLL name and where the encoded form ended (at the {@code $} after it, or the end). */
    record Decoded(String dllName, int end) {
    }

    /**
     * Decodes the DLL name at the start of {@code text} (the part of an import symbol after
     * {@code __wine$func$}): {@code $xNN} is the character NN, any other {@code $} ends the name; a name
     * without a dot gets {@code .dll}. Empty when an escape is malformed or the name is empty.
     */
    static Optional<Decoded> decode(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == 'x') {
                int high = i + 2 < text.length() ? hexDigit(text.charAt(i + 2)) : -1;
                int low = i + 3 < text.length() ? hexDigit(text.charAt(i + 3)) : -1;
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                out.append((char) (high * 16 + low));
                i += 4;
            } else {
                break;
            }
        }
        if (out.length() == 0) {
            return Optional.empty();
        }
        String name = out.toString().toLowerCase(Locale.ROOT);
        if (!hasExtension(name)) {
            name += ".dll";
        }
        return Optional.of(new Decoded(name, i));
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
