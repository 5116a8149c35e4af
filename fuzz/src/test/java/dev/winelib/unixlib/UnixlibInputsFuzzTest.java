package dev.winelib.unixlib;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * What a unixlib build reads from outside: the {@code .unixcalls} declaration language on any text (each
 * input ends in a declaration, whose header and call table are then generated, or a
 * {@link UnixCallsException} naming file:line:column), and the builtin mark applied to whatever the PE
 * linker wrote (a marked file or an {@link IllegalArgumentException} saying it is not a PE file with
 * room for the mark).
 */
class UnixlibInputsFuzzTest {

    private static final UnixCallsSources SOURCES = new UnixCallsSources("winebuild-j fuzz");

    @FuzzTest
    void unixcallsFile(byte[] input) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException e) {
            return; // refused by UnixCallsParser.parse(Path) as "is not UTF-8 text"
        }
        UnixCallsDeclaration declaration;
        try {
            declaration = UnixCallsParser.parse("fuzz.unixcalls", "fuzz", text);
        } catch (UnixCallsException expected) {
            return;
        }
        SOURCES.header(declaration);
        SOURCES.table(declaration);
    }

    @FuzzTest
    void builtinMark(byte[] input) {
        byte[] marked;
        try {
            marked = BuiltinMarker.apply("fuzz.dll", input);
        } catch (IllegalArgumentException expected) {
            return;
        }
        if (!BuiltinMarker.isMarked(marked) || marked.length != input.length) {
            throw new AssertionError("the mark was applied but is not there, or the size changed");
        }
    }
}
