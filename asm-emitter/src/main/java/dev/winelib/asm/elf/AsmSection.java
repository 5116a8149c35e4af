package dev.winelib.asm.elf;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A section being assembled: its attributes and content as fragments. */
final class AsmSection {

    static final int SHT_PROGBITS = 1;
    static final int SHT_NOTE = 7;
    static final int SHT_NOBITS = 8;
    static final long SHF_WRITE = 0x1;
    static final long SHF_ALLOC = 0x2;
    static final long SHF_EXECINSTR = 0x4;

    private final String name;
    private final int type;
    private final long flags;
    private final int order;
    private long alignment = 1;
    private final List<Fragment> fragments = new ArrayList<>();
    private boolean relocatedAgainst;
    private final List<Relocation> relocations = new ArrayList<>();
    private long size;

    AsmSection(String name, int type, long flags, int order) {
        this.name = name;
        this.type = type;
        this.flags = flags;
        this.order = order;
    }

    String name() {
        return name;
    }

    int type() {
        return type;
    }

    long flags() {
        return flags;
    }

    int order() {
        return order;
    }

    boolean code() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    boolean nobits() {
        return type == SHT_NOBITS;
    }

    long alignment() {
        return alignment;
    }

    void requireAlignment(long a) {
        alignment = Math.max(alignment, a);
    }

    List<Fragment> fragments() {
        return fragments;
    }

    /** The fragment bytes go into: the last one, or a new one after an alignment or jump. */
    /** The last fragment when it is one of bytes, else null (none is made). */
    Fragment.Bytes lastBytes() {
        return !fragments.isEmpty() && fragments.get(fragments.size() - 1) instanceof Fragment.Bytes b ? b : null;
    }

    Fragment.Bytes bytes() {
        if (!fragments.isEmpty() && fragments.get(fragments.size() - 1) instanceof Fragment.Bytes b) {
            return b;
        }
        Fragment.Bytes b = new Fragment.Bytes();
        fragments.add(b);
        return b;
    }

    /**
     * The section's size so far when it is final already (the section is at most one run of bytes:
     * no jump or alignment whose size the layout decides), else -1.
     */
    long fixedEnd() {
        if (fragments.isEmpty()) {
            return 0;
        }
        return fragments.size() == 1 && fragments.get(0) instanceof Fragment.Bytes b ? b.length() : -1;
    }

    void add(Fragment f) {
        fragments.add(f);
    }

    List<Relocation> relocations() {
        return relocations;
    }

    /** Notes that a relocation refers to this section (through its section symbol). */
    void relocatedAgainst() {
        relocatedAgainst = true;
    }

    /** Whether a relocation refers to this section: the object then lists its section symbol. */
    boolean isRelocatedAgainst() {
        return relocatedAgainst;
    }

    long size() {
        return size;
    }

    /**
     * Places the fragments and decides the size of every jump the way GNU as's relaxation does, so
     * that both choose the same short and long jumps: an initial layout with every relaxable jump
     * short, then passes over the fragments in order, in which each fragment moves by the growth of
     * those before it ("stretch"), alignment padding is recomputed at the new address, and a short
     * jump whose target is out of reach grows. A target not yet reached in the pass is assumed to
     * move by the stretch too, unless an alignment lies between (GNU as's "regions"). Passes repeat
     * until nothing grows; jumps never shrink, so this ends.
     */
    void layout() {
        int[] region = new int[fragments.size()];
        Map<Fragment, Integer> indexOf = new IdentityHashMap<>();
        long at = 0;
        int r = 0;
        for (int i = 0; i < fragments.size(); i++) {
            Fragment f = fragments.get(i);
            region[i] = r;
            indexOf.put(f, i);
            f.address(at);
            if (f instanceof Fragment.Align a) {
                a.padding(a.paddingAt(at));
                r++;
            }
            at += f.size();
        }
        boolean stretched;
        do {
            stretched = false;
            long stretch = 0;
            for (int i = 0; i < fragments.size(); i++) {
                Fragment f = fragments.get(i);
                long was = f.address();
                f.address(was + stretch);
                long growth = 0;
                if (f instanceof Fragment.Align a) {
                    long padding = a.paddingAt(a.address());
                    growth = padding - a.paddingAt(was);
                    a.padding(padding);
                } else if (f instanceof Fragment.Jump j && !j.longForm) {
                    growth = relaxJump(j, i, stretch, region, indexOf);
                }
                if (growth != 0) {
                    stretch += growth;
                    stretched = true;
                }
            }
        } while (stretched);
        long end = 0;
        for (Fragment f : fragments) {
            end = f.address() + f.size();
        }
        size = end;
    }

    /** The growth of one short jump in a relaxation pass: 3 when it must become long, else 0. */
    private static long relaxJump(Fragment.Jump j, int index, long stretch, int[] region,
            Map<Fragment, Integer> indexOf) {
        long target = j.target.offset() + j.addend;
        long address = j.address() + 1; // after the opcode byte
        int targetIndex = indexOf.get(j.target.fragment());
        if (stretch != 0 && targetIndex > index) {
            if (stretch < 0 || region[targetIndex] == region[index]) {
                target += stretch;
            } else if (target < address) {
                return 0;
            }
        }
        long aim = target - address;
        if (aim < 0 ? aim < -127 : aim > 128) {
            j.longForm = true;
            return 3;
        }
        return 0;
    }

    /** The laid-out content (zeros for a NOBITS section, which has none in the file). */
    byte[] content() {
        byte[] out = new byte[Math.toIntExact(size)];
        if (nobits()) {
            return out;
        }
        for (Fragment f : fragments) {
            int at = (int) f.address();
            if (f instanceof Fragment.Bytes b) {
                b.copyTo(out, at);
            } else if (f instanceof Fragment.Align a) {
                a.copyTo(out, at);
            } else if (f instanceof Fragment.Jump j) {
                j.copyTo(out, at);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
