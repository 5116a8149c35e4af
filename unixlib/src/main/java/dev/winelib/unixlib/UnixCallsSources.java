package dev.winelib.unixlib;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates the C both halves are compiled with, from a {@link UnixCallsDeclaration}:
 * <ul>
 * <li>the shared header {@code PREFIX_unixcalls.h}: call codes, parameter structures (with
 * compile-time layout checks), the PE half's call functions and the Unix half's prototypes;</li>
 * <li>the Unix half's table source: {@code __wine_unix_call_funcs} (and
 * {@code __wine_unix_call_wow64_funcs}), one thunk per call that casts {@code void *} to the
 * call's structure;</li>
 * <li>{@code winelib_unixlib.h}, the header-only helper the shared header includes.</li>
 * </ul>
 * Every name in the output was checked by {@link UnixCallsParser}; file names only appear in
 * comments, sanitized.
 */
public final class UnixCallsSources {

    /** The helper header's file name (and resource name). */
    public static final String HELPER_HEADER = "winelib_unixlib.h";
    /** The Unix half's generated table source. */
    public static final String TABLE_SOURCE = "winelib_unixlib_table.c";

    private final String generator;

    /** @param generator the tool and version named in the generated files' first line */
    public UnixCallsSources(String generator) {
        this.generator = generator;
    }

    /** The shared header. */
    public String header(UnixCallsDeclaration d) {
        Map<String, Object> model = model(d);
        model.put("guard", "WINELIB_UNIXCALLS_" + d.prefix().toUpperCase(Locale.ROOT) + "_H");
        return CTemplates.render("unixcalls.h.ftl", model);
    }

    /** The Unix half's table source. */
    public String table(UnixCallsDeclaration d) {
        Map<String, Object> model = model(d);
        model.put("header", d.headerFileName());
        return CTemplates.render("unixcalls-table.c.ftl", model);
    }

    /** The helper header, as shipped. */
    public static String helperHeader() {
        try (var in = UnixCallsSources.class.getResourceAsStream(HELPER_HEADER)) {
            if (in == null) {
                throw new IllegalStateException("resource " + HELPER_HEADER + " is missing from the unixlib jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> model(UnixCallsDeclaration d) {
        String sourceName = CTemplates.comment(Path.of(d.source()).getFileName().toString());
        Map<String, Object> model = new HashMap<>();
        model.put("generator", CTemplates.comment(generator));
        model.put("source", sourceName);
        model.put("prefix", d.prefix());
        model.put("countName", d.countName());
        model.put("rawCallName", d.rawCallName());
        model.put("wow64", d.wow64());
        List<Map<String, Object>> calls = new ArrayList<>();
        for (UnixCall c : d.calls()) {
            Map<String, Object> call = new HashMap<>();
            call.put("name", c.name());
            call.put("code", c.code());
            call.put("codeName", d.codeName(c));
            call.put("location", sourceName + ":" + c.location().line());
            call.put("paramsStruct", c.paramsStruct());
            call.put("params32Struct", c.params32Struct());
            call.put("unixFunction", c.unixFunction());
            call.put("wow64Function", c.wow64Function().orElse(""));
            StructLayout layout = c.layout64();
            StructLayout layout32 = c.layout32();
            call.put("size", layout.size());
            call.put("size32", layout32.size());
            call.put("members", members(c.members(), layout, false));
            call.put("members32", members(c.members(), layout32, true));
            calls.add(call);
        }
        model.put("calls", calls);
        return model;
    }

    /**
     * A member's declaration; 8-byte values are aligned to 8 explicitly: Windows (both widths) and
     * x86_64 Linux align them so by themselves, i386 Linux only to 4, and a 32-bit Unix half (Wine's
     * old-style 32-bit process) must see the structure the 32-bit PE half passes.
     */
    private static String declaration(ParamMember m, boolean wow64) {
        String declaration = wow64 ? m.cDeclaration32() : m.cDeclaration();
        return m.isPointer() || m.type().size() != EIGHT_BYTES ? declaration
                : declaration + " " + ALIGNED_8;
    }

    private static final int EIGHT_BYTES = 8;
    /** The alignment attribute of 8-byte members (gcc, clang and mingw, in C and C++). */
    static final String ALIGNED_8 = "__attribute__((aligned(8)))";

    private static List<Map<String, Object>> members(List<ParamMember> members, StructLayout layout, boolean wow64) {
        int width = 0;
        for (ParamMember m : members) {
            width = Math.max(width, declaration(m, wow64).length() + 1);
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ParamMember m = members.get(i);
            String declaration = declaration(m, wow64) + ";";
            String comment = wow64 && m.isPointer() ? "offset " + layout.offsets().get(i) + ": " + m.declared()
                    : "offset " + layout.offsets().get(i);
            Map<String, Object> member = new HashMap<>();
            member.put("name", m.name());
            member.put("offset", layout.offsets().get(i));
            member.put("line", declaration + " ".repeat(width - declaration.length() + 2) + "/* "
                    + CTemplates.comment(comment) + " */");
            result.add(member);
        }
        return result;
    }
}
