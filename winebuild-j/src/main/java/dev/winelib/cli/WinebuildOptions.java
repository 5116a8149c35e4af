package dev.winelib.cli;

import java.util.List;

/**
 * winebuild's fixed option set parsed directly into a {@link WinebuildCommand}, without picocli: the
 * command lines winegcc and Makefiles run take no reflection, so that start-up stays short and the
 * class-data-sharing archive (or AOT cache) holds every class a run loads.
 *
 * <p>It reads exactly what picocli would read for the same line (a test compares the two on many
 * lines) and nothing more: whatever it is not sure of — {@code --help}, {@code --version}, an option
 * it does not know, a missing value, a value that looks like an option, {@code @file} arguments,
 * {@code -o=FILE}, a lone {@code -} — makes {@link #parse} return {@code false}, and the caller parses
 * the line with picocli, which then gives its usual help, version or usage error.
 */
final class WinebuildOptions {

    private WinebuildOptions() {
    }

    /** Parses {@code args} into {@code command}; {@code false} when picocli has to do it. */
    static boolean parse(String[] args, WinebuildCommand command) {
        List<String> files = command.files;
        int verbose = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    files.add(args[j]);
                }
                break;
            }
            if (arg.startsWith("@") || arg.equals("-")) {
                return false; // @file expansion, standard input: picocli's rules
            }
            if (!arg.startsWith("-")) {
                files.add(arg);
                continue;
            }
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                String attached = equals < 0 ? null : arg.substring(equals + 1);
                if (isFlag(name)) {
                    if (attached != null) {
                        return false;
                    }
                    if (name.equals("--verbose")) {
                        verbose++;
                    } else {
                        setFlag(command, name);
                    }
                    continue;
                }
                if (!takesValue(name)) {
                    return false;
                }
                String value = attached;
                if (value == null) {
                    if (i + 1 >= args.length || looksLikeOption(args[i + 1])) {
                        return false;
                    }
                    value = args[++i];
                }
                setValue(command, name, value);
                continue;
            }
            // short options: a cluster of flags (-vw), or one option with its value attached (-L/dir) or next
            char first = arg.charAt(1);
            String name = "-" + first;
            if (takesValue(name)) {
                String value = arg.substring(2);
                if (value.isEmpty()) {
                    if (i + 1 >= args.length || looksLikeOption(args[i + 1])) {
                        return false;
                    }
                    value = args[++i];
                } else if (value.startsWith("=")) {
                    return false;
                }
                setValue(command, name, value);
                continue;
            }
            for (int c = 1; c < arg.length(); c++) {
                String flag = "-" + arg.charAt(c);
                if (!isFlag(flag) || flag.equals("-h")) {
                    return false;
                }
                if (flag.equals("-v")) {
                    verbose++;
                } else {
                    setFlag(command, flag);
                }
            }
        }
        if (verbose > 0) {
            command.verbose = new boolean[verbose];
            java.util.Arrays.fill(command.verbose, true);
        }
        return true;
    }

    /** Whether picocli could take {@code arg} for an option rather than a value. */
    private static boolean looksLikeOption(String arg) {
        return arg.startsWith("-") || arg.startsWith("@");
    }

    private static boolean isFlag(String name) {
        return switch (name) {
            case "--dll", "--exe", "--def", "--implib", "--staticlib", "--builtin", "--resources", "--fixup-ctors",
                    "--fake-module", "--large-address-aware", "--prefer-native", "--external-symbols", "-k",
                    "--kill-at", "--data-only", "--without-dlltool", "--safeseh", "-v", "--verbose", "-w",
                    "--warnings", "--save-temps" -> true;
            default -> false; // -h/--help and --version: picocli prints them
        };
    }

    private static void setFlag(WinebuildCommand c, String name) {
        switch (name) {
            case "--dll" -> c.dll = true;
            case "--exe" -> c.exe = true;
            case "--def" -> c.def = true;
            case "--implib" -> c.implib = true;
            case "--staticlib" -> c.staticlib = true;
            case "--builtin" -> c.builtin = true;
            case "--resources" -> c.resourcesMode = true;
            case "--fixup-ctors" -> c.fixupCtors = true;
            case "--fake-module" -> c.fakeModule = true;
            case "--large-address-aware" -> c.largeAddressAware = true;
            case "--prefer-native" -> c.preferNative = true;
            case "--external-symbols" -> c.externalSymbols = true;
            case "-k", "--kill-at" -> c.killAt = true;
            case "--data-only" -> c.dataOnly = true;
            case "--without-dlltool" -> c.withoutDlltool = true;
            case "--safeseh" -> c.safeSeh = true;
            case "-w", "--warnings" -> c.warnings = true;
            case "--save-temps" -> c.saveTemps = true;
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static boolean takesValue(String name) {
        return switch (name) {
            case "-E", "--export", "-F", "--filename", "-o", "--output", "-r", "--res", "-l", "--library", "-d",
                    "--delay-lib", "-L", "--library-path", "-e", "--entry", "-u", "--undefined", "--subsystem", "-H",
                    "--heap", "--timestamp", "--nxcompat", "-N", "--dll-name", "-M", "--main-module",
                    "--syscall-table", "-b", "--target", "-m", "-f", "--cc-cmd", "--as-cmd", "--ld-cmd", "--nm-cmd",
                    "-B", "--sysroot", "-D", "-I", "-K", "-C" -> true;
            default -> false;
        };
    }

    private static void setValue(WinebuildCommand c, String name, String value) {
        switch (name) {
            case "-E", "--export" -> c.specFile = value;
            case "-F", "--filename" -> c.moduleFileName = value;
            case "-o", "--output" -> c.output = value;
            case "-r", "--res" -> c.resourceFiles.add(value);
            case "-l", "--library" -> c.imports.add(value);
            case "-d", "--delay-lib" -> c.delayImports.add(value);
            case "-L", "--library-path" -> c.libraryPath.add(value);
            case "-e", "--entry" -> c.entry = value;
            case "-u", "--undefined" -> c.undefinedSymbols.add(value);
            case "--subsystem" -> c.subsystem = value;
            case "-H", "--heap" -> c.heap = value;
            case "--timestamp" -> c.timestamp = value;
            case "--nxcompat" -> c.nxCompat = value;
            case "-N", "--dll-name" -> c.dllName = value;
            case "-M", "--main-module" -> c.mainModule = value;
            case "--syscall-table" -> c.syscallTable = value;
            case "-b", "--target" -> c.target = value;
            case "-m" -> c.machineOptions.add(value);
            case "-f" -> c.flags.add(value);
            case "--cc-cmd" -> c.ccCommand = value;
            case "--as-cmd" -> c.asCommand = value;
            case "--ld-cmd" -> c.ldCommand = value;
            case "--nm-cmd" -> c.nmCommand = value;
            case "-B" -> c.toolPrefixes.add(value);
            case "--sysroot" -> c.sysroot = value;
            case "-D" -> c.ignoredDefines.add(value);
            case "-I" -> c.ignoredIncludes.add(value);
            case "-K" -> c.ignoredKFlags.add(value);
            case "-C" -> c.ignoredSourceDirs.add(value);
            default -> throw new IllegalArgumentException(name);
        }
    }
}
