package dev.winelib.toolchain.module;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.function.Consumer;

import dev.winelib.asm.elf.AssembledObject;
import dev.winelib.asm.elf.AssemblyException;
import dev.winelib.asm.elf.AssemblyWriter;
import dev.winelib.asm.elf.ElfAssembler;
import dev.winelib.spec.TargetCpu;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.AtomicFiles;

/**
 * Turns generated assembly text into a relocatable object in the process, with the in-process
 * assembler ({@link ElfAssembler}): no assembler or compiler is run.
 */
public final class ModuleAssembler {

    private ModuleAssembler() {
    }

    /**
     * Assembles {@code assembly} into {@code object}, which appears only complete (written under a
     * temporary name, then renamed).
     *
     * @param what names the text in a failure message (a file name)
     */
    public static void assemble(String assembly, Path object, String what) throws IOException, BuildFailure {
        AtomicFiles.writeIfChanged(object, toObject(assembly, what));
    }

    /**
     * Assembles the text {@code text} writes into {@code object}, as it is written: the whole text is
     * never kept ({@link AssemblyWriter}).
     */
    public static void assemble(Consumer<Writer> text, Path object, String what) throws IOException, BuildFailure {
        assemble(text, object, what, TargetCpu.X86_64);
    }

    /** As {@link #assemble(Consumer, Path, String)}, for {@code cpu}: ELF64 x86-64, or ELF32 i386. */
    public static void assemble(Consumer<Writer> text, Path object, String what, TargetCpu cpu)
            throws IOException, BuildFailure {
        AtomicFiles.writeIfChanged(object, toObject(text, what, cpu));
    }

    /** The object bytes of the text {@code text} writes, assembled as it is written ({@link AssemblyWriter}). */
    public static byte[] toObject(Consumer<Writer> text, String what, TargetCpu cpu) throws BuildFailure {
        return toAssembled(text, what, cpu).bytes();
    }

    /**
     * The object of the text {@code text} writes, assembled as it is written, before it is written as
     * bytes (for the in-process merge, {@link dev.winelib.asm.elf.RelocatableMerger.Input#of}).
     */
    public static AssembledObject toAssembled(Consumer<Writer> text, String what, TargetCpu cpu) throws BuildFailure {
        AssemblyWriter writer = new AssemblyWriter(cpu);
        text.accept(writer);
        try {
            return writer.assembled();
        } catch (AssemblyException e) {
            throw failure(what, e);
        }
    }

    /** Assembles {@code assembly} into {@code object}. */
    public static void assemble(String assembly, Path object) throws IOException, BuildFailure {
        assemble(assembly, object, object.getFileName().toString().replaceFirst("\\.o$", "") + ".s");
    }

    /** The object bytes of {@code assembly}. */
    public static byte[] toObject(String assembly, String what) throws BuildFailure {
        return toObject(assembly, what, TargetCpu.X86_64);
    }

    /** The object bytes of {@code assembly} for {@code cpu}: ELF64 x86-64, or ELF32 i386. */
    public static byte[] toObject(String assembly, String what, TargetCpu cpu) throws BuildFailure {
        try {
            return ElfAssembler.assemble(assembly, cpu);
        } catch (AssemblyException e) {
            throw failure(what, e);
        }
    }

    private static BuildFailure failure(String what, AssemblyException e) {
        return new BuildFailure("internal error: the in-process assembler cannot assemble " + what + ": "
                + e.getMessage() + ". This is a bug in winebuild-j: please report it with the spec file.", e);
    }
}
