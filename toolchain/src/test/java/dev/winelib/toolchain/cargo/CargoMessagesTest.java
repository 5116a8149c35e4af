package dev.winelib.toolchain.cargo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CargoMessagesTest {

    private static final String TARGET = "\"target\":{\"kind\":[\"staticlib\"],\"crate_types\":[\"staticlib\"],"
            + "\"name\":\"hello\",\"src_path\":\"/p/src/lib.rs\",\"edition\":\"2021\"}";

    @Test
    void readsTheStaticLibraryItsNativeLibrariesAndTheDiagnostics() {
        String output = String.join("\n",
                "   Compiling hello v0.1.0 (/p)",
                "{\"reason\":\"compiler-message\",\"package_id\":\"hello 0.1.0\"," + TARGET + ",\"message\":{\"rendered\":"
                        + "\"warning: unused variable: `x`\\n --> src/lib.rs:1:18\\n\\n\",\"children\":[],\"code\":null,"
                        + "\"level\":\"warning\",\"message\":\"unused variable: `x`\",\"spans\":[]}}",
                "{\"reason\":\"compiler-message\",\"package_id\":\"hello 0.1.0\"," + TARGET + ",\"message\":{\"rendered\":"
                        + "\"note: Link against the following native artifacts when linking against this static"
                        + " library.\\n\",\"children\":[],\"code\":null,\"level\":\"note\",\"message\":\"Link against the"
                        + " following native artifacts when linking against this static library.\",\"spans\":[]}}",
                "{\"reason\":\"compiler-message\",\"package_id\":\"hello 0.1.0\"," + TARGET + ",\"message\":{\"rendered\":"
                        + "\"note: native-static-libs: -lgcc_s -lutil -lc\\n\\n\",\"children\":[],\"code\":null,"
                        + "\"level\":\"note\",\"message\":\"native-static-libs: -lgcc_s -lutil -lc\",\"spans\":[]}}",
                "{\"reason\":\"compiler-artifact\",\"package_id\":\"hello 0.1.0\"," + TARGET + ",\"profile\":{},"
                        + "\"features\":[],\"filenames\":[\"/p/target/x86_64-unknown-linux-gnu/release/libhello.a\"],"
                        + "\"executable\":null,\"fresh\":false}",
                "{\"reason\":\"build-finished\",\"success\":true}",
                "    Finished release [optimized] target(s) in 1.11s");
        CargoMessages m = CargoMessages.parse(output);
        assertThat(m.staticLibraries()).containsExactly("/p/target/x86_64-unknown-linux-gnu/release/libhello.a");
        assertThat(m.nativeStaticLibs()).containsExactly("-lgcc_s", "-lutil", "-lc");
        assertThat(m.diagnostics()).containsExactly("warning: unused variable: `x`\n --> src/lib.rs:1:18");
        assertThat(m.libraryTargetsWithoutStaticlib()).isEmpty();
        assertThat(m.otherLines()).containsExactly("   Compiling hello v0.1.0 (/p)",
                "    Finished release [optimized] target(s) in 1.11s");
    }

    @Test
    void aLibraryBuiltAsAnRlibIsNamed() {
        String output = "{\"reason\":\"compiler-artifact\",\"target\":{\"kind\":[\"lib\"],\"crate_types\":[\"lib\"],"
                + "\"name\":\"hello\"},\"filenames\":[\"/p/target/libhello.rlib\"]}\n"
                + "{\"reason\":\"compiler-artifact\",\"target\":{\"kind\":[\"custom-build\"],\"crate_types\":[\"bin\"],"
                + "\"name\":\"build-script-build\"},\"filenames\":[\"/p/build\"]}";
        CargoMessages m = CargoMessages.parse(output);
        assertThat(m.staticLibraries()).isEmpty();
        assertThat(m.libraryTargetsWithoutStaticlib()).containsExactly("hello");
    }

    @Test
    void linesThatOnlyLookLikeJsonAreKeptAsText() {
        CargoMessages m = CargoMessages.parse("{\"reason\": broken\n{not a message}\n\n");
        assertThat(m.otherLines()).containsExactly("{\"reason\": broken", "{not a message}");
        assertThat(m.staticLibraries()).isEmpty();
        assertThat(m.nativeStaticLibs()).isEmpty();
    }
}
