package dev.winelib.toolchain.imports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes ar archives for tests: GNU style (long names in a "//" member) or BSD style ("#1/N"). */
final class TestAr {

    record Member(String name, byte[] content) {
    }

    private TestAr() {
    }

    static byte[] gnu(List<Member> members) {
        ByteArrayOutputStream longNames = new ByteArrayOutputStream();
        List<String> headerNames = new ArrayList<>();
        for (Member m : members) {
            if (m.name().length() > 15) {
                headerNames.add("/" + longNames.size());
                longNames.writeBytes((m.name() + "/\n").getBytes(StandardCharsets.UTF_8));
            } else {
                headerNames.add(m.name() + "/");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ArArchive.MAGIC);
        member(out, "/", new byte[] {0, 0, 0, 0}); // an empty symbol index
        if (longNames.size() > 0) {
            member(out, "//", longNames.toByteArray());
        }
        for (int i = 0; i < members.size(); i++) {
            member(out, headerNames.get(i), members.get(i).content());
        }
        return out.toByteArray();
    }

    static byte[] bsd(List<Member> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ArArchive.MAGIC);
        for (Member m : members) {
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[name.length + m.content().length];
            System.arraycopy(name, 0, content, 0, name.length);
            System.arraycopy(m.content(), 0, content, name.length, m.content().length);
            member(out, "#1/" + name.length, content);
        }
        return out.toByteArray();
    }

    static void member(ByteArrayOutputStream out, String name, byte[] content) {
        out.writeBytes(header(name, String.valueOf(content.length)));
        out.writeBytes(content);
        if (content.length % 2 == 1) {
            out.write('\n');
        }
    }

    static byte[] header(String name, String size) {
        String header = pad(name, 16) + pad("0", 12) + pad("0", 6) + pad("0", 6) + pad("644", 8) + pad(size, 10)
                + "`\n";
        return header.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s.substring(0, width) : s + " ".repeat(width - s.length());
    }
}
