package dev.winelib.linker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The two linker scripts every winelib link uses. Their text is fixed, so outputs are reproducible. */
public final class LinkerScripts {

    /** File name the toolchain writes the version script under. */
    public static final String VERSION_SCRIPT_NAME = "winelib-version.map";
    /** File name the toolchain writes the ordering script under. */
    public static final String ORDERING_SCRIPT_NAME = "winelib-order.ld";

    private LinkerScripts() {
    }

    /** A version script exporting only {@code __wine_spec_nt_header}; pass with {@code --version-script}. */
    public static String versionScript() {
        return resource(VERSION_SCRIPT_NAME);
    }

    /** A script that places {@code .init} before everything the PE view refers to; pass with {@code -T}. */
    public static String orderingScript() {
        return resource(ORDERING_SCRIPT_NAME);
    }

    private static String resource(String name) {
        try (InputStream in = LinkerScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
