package dev.winelib.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.pe.ImageReport;
import dev.winelib.toolchain.pe.PeFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code winebuild-j inspect FILE}: the PE view of a winelib module (or a PE file) and its layout problems. */
@Command(name = "inspect",
        usageHelpAutoWidth = true,
        description = {
            "Prints the PE view Wine's loader builds from a winelib module (.so): NT header fields, the",
            "exports with the symbols at their addresses, imports, resources, whether the constructors are",
            "hidden from ld.so, and layout problems such as exports below the module base. Also reads PE",
            "files (fake modules, modules marked with --builtin)."},
        footer = {"", "Exit status: 0, 1 when the file cannot be read or has layout problems, 2 on a usage error."})
final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The module to inspect.")
    Path file;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintWriter out;
    private final PrintWriter err;

    InspectCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            ImageReport report = ImageReport.of(file);
            out.print(report.text());
            out.flush();
            return report.problems().isEmpty() ? 0 : 1;
        } catch (NoSuchFileException e) {
            err.println("winebuild-j inspect: " + file + ": no such file");
        } catch (ElfFormatException | PeFormatException e) {
            err.println("winebuild-j inspect: " + e.getMessage());
        } catch (IOException e) {
            err.println("winebuild-j inspect: " + file + ": " + e.getMessage());
        }
        err.flush();
        return 1;
    }
}
