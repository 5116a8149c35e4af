package dev.winelib.toolchain.imports;

import java.util.Optional;

/**
 * A symbol that a Wine Unix import library's thunk leaves undefined, naming the import it stands for:
 * {@code __wine$func$DLL$ORDINAL$NAME} (import NAME by name) or {@code __wine$ord$DLL$ORDINAL$NAME}
 * (import by ordinal), with DLL encoded as winebuild encodes it.
 *
 * @param dllName the DLL's file name, e.g. {@code kernel32.dll}
 * @param ordinal the export's ordinal
 * @param name the function's name (the thunk's symbol)
 * @param byOrdinal whether to import it by ordinal
 */
public record ImportThunkSymbol(String dllName, int ordinal, String name, boolean byOrdinal) {

    /** Decodes a symbol name; empty when it is not such a symbol or is malformed. */
    public static Optional<ImportThunkSymbol> parse(String symbol) {
        boolean byOrdinal = symbol.startsWith(UnixImportLibrary.ORD_PREFIX);
        if (!byOrdinal && !symbol.startsWith(UnixImportLibrary.FUNC_PREFIX)) {
            return Optional.empty();
        }
        String rest = symbol.substring(byOrdinal ? UnixImportLibrary.ORD_PREFIX.length()
                : UnixImportLibrary.FUNC_PREFIX.length());
        return UnixImportLibrary.parseThunk(rest, byOrdinal).map(t -> new ImportThunkSymbol(t.dll(),
                t.export().ordinal(), t.export().name().orElseThrow(), byOrdinal));
    }

    /** Whether a symbol name has the form of an import thunk symbol. */
    public static boolean looksLikeOne(String symbol) {
        return symbol.startsWith(UnixImportLibrary.FUNC_PREFIX) || symbol.startsWith(UnixImportLibrary.ORD_PREFIX);
    }

    /** The symbol for an import, as winebuild's Unix import libraries name it. */
    public static String of(String dllFileName, int ordinal, String name, boolean byOrdinal) {
        return (byOrdinal ? UnixImportLibrary.ORD_PREFIX : UnixImportLibrary.FUNC_PREFIX) + DllNames.encode(dllFileName)
                + "$" + ordinal + "$" + name;
    }
}
