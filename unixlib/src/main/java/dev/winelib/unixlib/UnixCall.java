package dev.winelib.unixlib;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.winelib.spec.SourceLocation;

/**
 * One call from the PE half into the Unix half.
 *
 * @param name the call's name: the PE half calls {@code NAME(&params)}
 * @param code its index in {@code __wine_unix_call_funcs} (declaration order, from 0)
 * @param unixFunction the Unix function that implements it ({@code unix_NAME} unless {@code -unix=})
 * @param wow64Function the Unix function a 32-bit PE half reaches through
 *     {@code __wine_unix_call_wow64_funcs}, taking the 32-bit structure; empty when there is no
 *     WOW64 table or when {@code unixFunction} serves both (a structure without pointers has the
 *     same layout in both)
 * @param members the members of {@code struct NAME_params}; empty for a call without parameters
 * @param location where the call was declared
 */
public record UnixCall(String name, int code, String unixFunction, Optional<String> wow64Function,
        List<ParamMember> members, SourceLocation location) {

    public UnixCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unixFunction, "unixFunction");
        Objects.requireNonNull(wow64Function, "wow64Function");
        members = List.copyOf(members);
        Objects.requireNonNull(location, "location");
        if (code < 0) {
            throw new IllegalArgumentException("negative call code " + code);
        }
    }

    public boolean hasParameters() {
        return !members.isEmpty();
    }

    /** Whether any member is a pointer, so that the 32-bit structure differs from the 64-bit one. */
    public boolean hasPointers() {
        return members.stream().anyMatch(ParamMember::isPointer);
    }

    /** {@code struct NAME_params}: the structure the PE half passes. */
    public String paramsStruct() {
        return name + "_params";
    }

    /** {@code struct NAME_params32}: the same parameters as a 32-bit PE half lays them out. */
    public String params32Struct() {
        return name + "_params32";
    }

    public StructLayout layout64() {
        return StructLayout.of64(members);
    }

    public StructLayout layout32() {
        return StructLayout.of32(members);
    }
}
