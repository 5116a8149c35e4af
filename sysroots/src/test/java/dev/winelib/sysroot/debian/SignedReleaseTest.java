package dev.winelib.sysroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.winelib.sysroot.SysrootException;

/** A real bullseye-updates InRelease (fetched 2026-12-04), checked offline against the shipped keys. */
class SignedReleaseTest {

    static byte[] real() throws Exception {
        try (InputStream in = SignedReleaseTest.class.getResourceAsStream("bullseye-updates.InRelease")) {
            return in.readAllBytes();
        }
    }

    static SignedRelease verify(byte[] data) throws SysrootException {
        return SignedRelease.verify(data, "bullseye-updates", "http://x/InRelease", SignedRelease.debianKeys());
    }

    @Test
    void theRealFileIsSignedByDebiansArchiveKey() throws Exception {
        SignedRelease r = verify(real());
        assertThat(r.codename()).isEqualTo("bullseye-updates");
        assertThat(r.signer()).contains("Debian Archive Automatic Signing Key");
        assertThat(r.date()).isAfter(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(r.acquireByHash()).isTrue();
        assertThat(r.file("main/binary-amd64/Packages.xz").orElseThrow().sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void oneChangedCharacterOfTheSignedTextIsRefused() throws Exception {
        String text = new String(real(), StandardCharsets.UTF_8);
        int at = text.indexOf("main/binary-amd64/Packages.xz");
        String tampered = text.substring(0, at - 20) + (text.charAt(at - 20) == 'a' ? 'b' : 'a') + text.substring(at - 19);
        assertThatThrownBy(() -> verify(tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SysrootException.class)
                .hasMessageContaining("refused http://x/InRelease: no good signature by one of Debian's archive keys")
                .hasMessageContaining("does not match the text");
    }

    @Test
    void textOutsideTheSignedPartIsRefused() throws Exception {
        String text = new String(real(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verify((text + "SHA256:\n 00 1 main/x\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("there is text after the signature");
        assertThatThrownBy(() -> verify(("Origin: evil\n" + text).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("does not start with '-----BEGIN PGP SIGNED MESSAGE-----'");
    }

    @Test
    void anotherSuitesFileIsRefusedEvenWithAGoodSignature() throws Exception {
        assertThatThrownBy(() -> SignedRelease.verify(real(), "bullseye-security", "http://x/InRelease",
                SignedRelease.debianKeys())).hasMessageContaining("for Codename 'bullseye-updates', not 'bullseye-security'");
    }

    @Test
    void aSignatureByAnUnknownKeyIsRefused() throws Exception {
        org.bouncycastle.openpgp.PGPPublicKeyRingCollection none =
                new org.bouncycastle.openpgp.PGPPublicKeyRingCollection(java.util.List.of());
        assertThatThrownBy(() -> SignedRelease.verify(real(), "bullseye-updates", "http://x/InRelease", none))
                .hasMessageContaining("is not one of Debian's archive keys");
    }
}
