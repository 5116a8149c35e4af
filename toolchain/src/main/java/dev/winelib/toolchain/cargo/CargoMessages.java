package dev.winelib.toolchain.cargo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * What {@code cargo --message-format=json} reported: the static libraries it produced, the native
 * libraries rustc says they need ({@code --print native-static-libs}), the compiler's diagnostics,
 * and cargo's own lines (progress, errors), which it writes as plain text.
 *
 * @param staticLibraries the {@code .a} files of {@code staticlib} targets
 * @param nativeStaticLibs the linker arguments of rustc's {@code native-static-libs} note, in order
 * @param libraryTargetsWithoutStaticlib names of library targets built without the
 *     {@code staticlib} crate type
 * @param diagnostics rendered warnings and errors, in order
 * @param otherLines lines that are not JSON messages
 */
record CargoMessages(List<String> staticLibraries, List<String> nativeStaticLibs,
        List<String> libraryTargetsWithoutStaticlib, List<String> diagnostics, List<String> otherLines) {

    private static final String NATIVE_STATIC_LIBS = "native-static-libs:";

    CargoMessages {
        staticLibraries = List.copyOf(staticLibraries);
        nativeStaticLibs = List.copyOf(nativeStaticLibs);
        libraryTargetsWithoutStaticlib = List.copyOf(libraryTargetsWithoutStaticlib);
        diagnostics = List.copyOf(diagnostics);
        otherLines = List.copyOf(otherLines);
    }

    /** Reads cargo's output, JSON messages one per line mixed with plain lines. */
    static CargoMessages parse(String output) {
        List<String> libraries = new ArrayList<>();
        List<String> natives = new ArrayList<>();
        List<String> withoutStaticlib = new ArrayList<>();
        List<String> diagnostics = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Optional<JsonObject> message = jsonMessage(line);
            if (message.isEmpty()) {
                if (!line.isBlank()) {
                    other.add(line);
                }
                continue;
            }
            JsonObject m = message.get();
            switch (string(m, "reason")) {
                case "compiler-artifact" -> {
                    JsonObject target = object(m, "target");
                    List<String> crateTypes = strings(target, "crate_types");
                    List<String> kinds = strings(target, "kind");
                    if (crateTypes.contains("staticlib")) {
                        for (String file : strings(m, "filenames")) {
                            if (file.endsWith(".a")) {
                                libraries.add(file);
                            }
                        }
                    } else if (kinds.stream().anyMatch(k -> k.equals("lib") || k.equals("rlib")
                            || k.equals("cdylib") || k.equals("dylib"))) {
                        withoutStaticlib.add(string(target, "name"));
                    }
                }
                case "compiler-message" -> {
                    JsonObject diagnostic = object(m, "message");
                    String text = string(diagnostic, "message");
                    if (text.startsWith(NATIVE_STATIC_LIBS)) {
                        natives.clear();
                        for (String arg : text.substring(NATIVE_STATIC_LIBS.length()).trim().split("\\s+")) {
                            if (!arg.isEmpty()) {
                                natives.add(arg);
                            }
                        }
                    } else if (!string(diagnostic, "rendered").isBlank()
                            && !text.toLowerCase(java.util.Locale.ROOT).contains("following native artifacts")) {
                        diagnostics.add(string(diagnostic, "rendered").stripTrailing());
                    }
                }
                default -> {
                    // build-script-executed, build-finished: nothing to take from them
                }
            }
        }
        return new CargoMessages(libraries, natives, withoutStaticlib, diagnostics, other);
    }

    private static Optional<JsonObject> jsonMessage(String line) {
        if (!line.startsWith("{\"reason\":")) {
            return Optional.empty();
        }
        try {
            JsonElement e = JsonParser.parseString(line);
            return e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static List<String> strings(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        List<String> result = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (JsonElement x : a) {
                if (x.isJsonPrimitive()) {
                    result.add(x.getAsString());
                }
            }
        }
        return result;
    }
}
