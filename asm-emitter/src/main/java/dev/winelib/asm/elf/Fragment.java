package dev.winelib.asm.elf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A piece of a section whose size is known (bytes) or decided when the section is laid out
 * (alignment padding, a jump that may be short or long).
 */
sealed interface Fragment {

    /** Offset of the fragment in its section, set by the layout. */
    long address();

    void address(long address);

    /** Size with the current layout decisions. */
    long size();

    /** Bytes written as they come, with fixups for values only known later. */
    final class Bytes implements Fragment {
        // most fragments are small (a relay thunk between two alignments): the buffer grows as needed
        private byte[] data = new byte[32];
        private int length;
        private long address;
        private List<Fixup> fixups = List.of();

        @Override
        public long address() {
            return address;
        }

        @Override
        public void address(long a) {
            address = a;
        }

        @Override
        public long size() {
            return length;
        }

        int length() {
            return length;
        }

        void put(int b) {
            ensure(1);
            data[length++] = (byte) b;
        }

        void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, data, length, bytes.length);
            length += bytes.length;
        }

        void putLittleEndian(long value, int size) {
            ensure(size);
            for (int i = 0; i < size; i++) {
                data[length++] = (byte) (value >>> (8 * i));
            }
        }

        void fill(int count, int value) {
            ensure(count);
            // the buffer past the end is still zero (it only grows, by zero-filled copies, and fixups patch
            // bytes already written): a zero fill (the 68 kB room for the PE header, .skip) writes nothing,
            // which a short run would otherwise do byte by byte in the interpreter
            if (value != 0) {
                Arrays.fill(data, length, length + count, (byte) value);
            }
            length += count;
        }

        /**
         * Padding of {@code count} bytes at the end, as an {@link Align} of these attributes fills it
         * (without one being made: a relay thunk per export is aligned this way).
         */
        void pad(int count, Integer fill, boolean code, boolean i386) {
            ensure(count);
            // zeros are not written: the buffer past the end is still zero (see fill)
            Align.write(data, length, count, fill, code, i386);
            length += count;
        }

        void patch(int offset, long value, int size) {
            for (int i = 0; i < size; i++) {
                data[offset + i] = (byte) (value >>> (8 * i));
            }
        }

        void addFixup(Fixup f) {
            if (fixups.isEmpty()) {
                fixups = new ArrayList<>(4);
            }
            fixups.add(f);
        }

        List<Fixup> fixups() {
            return fixups;
        }

        byte[] bytes() {
            return Arrays.copyOf(data, length);
        }

        /** The bytes from {@code start} to the end. */
        byte[] bytes(int start) {
            return Arrays.copyOfRange(data, start, length);
        }

        void copyTo(byte[] target, int at) {
            System.arraycopy(data, 0, target, at, length);
        }

        private void ensure(int more) {
            if (length + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + more));
            }
        }
    }

    /**
     * Padding to a power-of-two boundary: with {@code fill}, or when there is none, with the
     * assembler's NOP patterns in code sections and zeros elsewhere.
     */
    final class Align implements Fragment {
        final int alignment;
        final Integer fill;
        final int maxSkip;
        final boolean code;
        final boolean i386;
        private long address;

        Align(int alignment, Integer fill, int maxSkip, boolean code, boolean i386) {
            this.alignment = alignment;
            this.fill = fill;
            this.maxSkip = maxSkip;
            this.code = code;
            this.i386 = i386;
        }

        @Override
        public long address() {
            return address;
        }

        @Override
        public void address(long a) {
            address = a;
        }

        private long padding;

        @Override
        public long size() {
            return padding;
        }

        /** The padding at {@code at}: none when more than {@code maxSkip} bytes would be needed. */
        long paddingAt(long at) {
            return padding(alignment, maxSkip, at);
        }

        /** The padding to {@code alignment} at {@code at}: none when more than {@code maxSkip} (if not 0) would be needed. */
        static long padding(long alignment, int maxSkip, long at) {
            long pad = (alignment - (at & (alignment - 1))) & (alignment - 1);
            return maxSkip > 0 && pad > maxSkip ? 0 : pad;
        }

        void padding(long p) {
            padding = p;
        }

        void copyTo(byte[] target, int at) {
            write(target, at, (int) size(), fill, code, i386);
        }

        /**
         * {@code count} bytes of padding at {@code at} in {@code target}: {@code fill}, or without one
         * the NOP patterns in code and nothing (the zeros already there) elsewhere.
         */
        static void write(byte[] target, int at, int count, Integer fill, boolean code, boolean i386) {
            if (fill != null) {
                Arrays.fill(target, at, at + count, (byte) fill.intValue());
            } else if (code && i386) {
                NopPadding.write32(target, at, count);
            } else if (code) {
                NopPadding.write(target, at, count);
            }
        }
    }

    /**
     * An unconditional {@code jmp} to a label of the same section: two bytes ({@code EB rel8}) while
     * the target is within reach, five ({@code E9 rel32}) otherwise, as GNU as relaxes it.
     */
    final class Jump implements Fragment {
        final AsmSymbol target;
        final long addend;
        final int line;
        boolean longForm;
        /** Whether the linker resolves the jump: then it is long, with a relocation for its rel32. */
        boolean relocated;
        private long address;

        Jump(AsmSymbol target, long addend, int line) {
            this.target = target;
            this.addend = addend;
            this.line = line;
        }

        @Override
        public long address() {
            return address;
        }

        @Override
        public void address(long a) {
            address = a;
        }

        @Override
        public long size() {
            return longForm ? 5 : 2;
        }

        long displacement() {
            return target.offset() + addend - (address + size());
        }

        void copyTo(byte[] target, int at) {
            long d = relocated ? 0 : displacement();
            if (longForm) {
                target[at] = (byte) 0xe9;
                for (int i = 0; i < 4; i++) {
                    target[at + 1 + i] = (byte) (d >>> (8 * i));
                }
            } else {
                target[at] = (byte) 0xeb;
                target[at + 1] = (byte) d;
            }
        }
    }
}
