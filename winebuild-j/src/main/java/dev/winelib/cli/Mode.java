package dev.winelib.cli;

import java.util.List;

/** winebuild's modes: exactly one per invocation. */
enum Mode {
    DLL("--dll"), EXE("--exe"), DEF("--def"), IMPLIB("--implib"), STATICLIB("--staticlib"), BUILTIN("--builtin"),
    RESOURCES("--resources"), FIXUP_CTORS("--fixup-ctors");

    private final String option;

    Mode(String option) {
        this.option = option;
    }

    String option() {
        return option;
    }

    /** The modes set on a command line, in this enum's order. */
    static List<Mode> selected(WinebuildCommand c) {
        List<Mode> modes = new java.util.ArrayList<>();
        if (c.dll) {
            modes.add(DLL);
        }
        if (c.exe) {
            modes.add(EXE);
        }
        if (c.def) {
            modes.add(DEF);
        }
        if (c.implib) {
            modes.add(IMPLIB);
        }
        if (c.staticlib) {
            modes.add(STATICLIB);
        }
        if (c.builtin) {
            modes.add(BUILTIN);
        }
        if (c.resourcesMode) {
            modes.add(RESOURCES);
        }
        if (c.fixupCtors) {
            modes.add(FIXUP_CTORS);
        }
        return modes;
    }
}
