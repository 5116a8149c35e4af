package dev.winelib.unixlib;

import java.util.List;
import java.util.Objects;

/**
 * The calls between the two halves of a unixlib module, read from its {@code .unixcalls} file.
 * Every name the generated code uses derives from here.
 *
 * @param source the file it was read from, as given
 * @param prefix the C identifier that prefixes the call codes, from the file name
 *     ({@code unixhello.unixcalls} gives {@code unixhello})
 * @param wow64 whether the Unix half also exports {@code __wine_unix_call_wow64_funcs}
 * @param calls the calls in code order
 */
public record UnixCallsDeclaration(String source, String prefix, boolean wow64, List<UnixCall> calls) {

    /** The Unix library's table of 64-bit entry points, looked up by Wine with dlsym. */
    public static final String FUNCS_SYMBOL = "__wine_unix_call_funcs";
    /** The table for 32-bit PE code under WOW64. */
    public static final String WOW64_FUNCS_SYMBOL = "__wine_unix_call_wow64_funcs";

    public UnixCallsDeclaration {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(prefix, "prefix");
        calls = List.copyOf(calls);
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).code() != i) {
                throw new IllegalArgumentException("call " + calls.get(i).name() + " has code " + calls.get(i).code()
                        + ", not " + i);
            }
        }
    }

    /** The shared header both halves include: {@code PREFIX_unixcalls.h}. */
    public String headerFileName() {
        return prefix + "_unixcalls.h";
    }

    /** The enumerator of a call's code: {@code PREFIX_unix_NAME}. */
    public String codeName(UnixCall call) {
        return prefix + "_unix_" + call.name();
    }

    /** The number of calls, as an enumerator: {@code PREFIX_unix_call_count}. */
    public String countName() {
        return prefix + "_unix_call_count";
    }

    /** The PE half's function that makes a call by its code: {@code PREFIX_unix_call(code, args)}. */
    public String rawCallName() {
        return prefix + "_unix_call";
    }

    /** The Unix library's exported symbols. */
    public List<String> exportedSymbols() {
        return wow64 ? List.of(FUNCS_SYMBOL, WOW64_FUNCS_SYMBOL) : List.of(FUNCS_SYMBOL);
    }
}
