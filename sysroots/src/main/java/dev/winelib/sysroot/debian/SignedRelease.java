package dev.winelib.sysroot.debian;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

import dev.winelib.sysroot.SysrootException;

/**
 * A suite's {@code InRelease} file whose OpenPGP signature was checked: the signed text's
 * {@code Codename}, {@code Date}, {@code Valid-Until} and the SHA-256 of its index files.
 *
 * <p>The clear-signed form (RFC 4880 section 7) is taken apart here, strictly: the file must be
 * exactly one {@code BEGIN PGP SIGNED MESSAGE} block with its {@code Hash:} header lines, the text,
 * and one armored signature, with nothing before or after; only the text so delimited is read.
 * The signature is checked with Bouncy Castle against the keys of {@link #DEBIAN_KEYS}: it must be
 * made, with SHA-256 or stronger, by one of them while that key was valid and not revoked. Debian
 * signs bullseye's suites with two or three keys (the 11/bullseye and 12/bookworm archive or
 * security archive automatic signing keys, and the 11/bullseye stable release key); one good
 * signature by a known key is enough, as for apt.
 *
 * @param suite the suite this file was fetched for
 * @param codename the {@code Codename} field (equals {@code suite})
 * @param date the {@code Date} field
 * @param validUntil the {@code Valid-Until} field, if the suite has one
 * @param acquireByHash whether index files are also served by their hash ({@code Acquire-By-Hash: yes})
 * @param sha256 the SHA-256 section: path (e.g. {@code main/binary-amd64/Packages.xz}) to checksum and size
 * @param signer the key that made the good signature (its user id)
 */
public record SignedRelease(String suite, String codename, Instant date, Optional<Instant> validUntil,
        boolean acquireByHash, Map<String, IndexFile> sha256, String signer) {

    /**
     * The public keys of Debian's archive, exported from Debian 12's {@code debian-archive-keyring}
     * (2023.3+deb12u2): the 11/bullseye, 12/bookworm and 13/trixie archive, security archive and
     * stable release keys.
     */
    public static final String DEBIAN_KEYS = "debian-archive-keys.asc";

    private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";
    private static final Pattern CHECKSUM_LINE = Pattern.compile("\\s*([0-9a-f]{64})\\s+([0-9]+)\\s+(\\S+)\\s*");

    /** One index file of the release. */
    public record IndexFile(String path, String sha256, long size) {
    }

    public SignedRelease {
        sha256 = Map.copyOf(sha256);
    }

    /** Debian's archive keys (the resource {@link #DEBIAN_KEYS}). */
    public static PGPPublicKeyRingCollection debianKeys() {
        try (InputStream in = SignedRelease.class.getResourceAsStream(DEBIAN_KEYS)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEBIAN_KEYS + " is missing from the sysroots jar");
            }
            return new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(in), new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("resource " + DEBIAN_KEYS + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the signature of an {@code InRelease} file and reads it.
     *
     * @param source the URL it came from, for messages
     * @throws SysrootException when the file is not clear-signed as described, no known key made a
     *     good signature, or the text names another suite
     */
    public static SignedRelease verify(byte[] inRelease, String suite, String source, PGPPublicKeyRingCollection keys)
            throws SysrootException {
        String text = new String(inRelease, StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\r?\n", -1));
        int i = 0;
        if (lines.isEmpty() || !lines.get(0).equals(BEGIN_MESSAGE)) {
            throw refused(source, "it does not start with '" + BEGIN_MESSAGE + "'");
        }
        i++;
        while (i < lines.size() && !lines.get(i).isEmpty()) {
            if (!lines.get(i).startsWith("Hash: ")) {
                throw refused(source, "unexpected armor header '" + clip(lines.get(i)) + "'");
            }
            i++;
        }
        i++;
        List<String> body = new ArrayList<>();
        while (i < lines.size() && !lines.get(i).equals(BEGIN_SIGNATURE)) {
            String line = lines.get(i);
            if (line.startsWith("-")) {
                if (!line.startsWith("- ")) {
                    throw refused(source, "line '" + clip(line) + "' of the signed text is not dash-escaped");
                }
                line = line.substring(2);
            }
            body.add(line);
            i++;
        }
        if (i >= lines.size()) {
            throw refused(source, "it has no '" + BEGIN_SIGNATURE + "' block");
        }
        int signatureStart = i;
        while (i < lines.size() && !lines.get(i).equals(END_SIGNATURE)) {
            i++;
        }
        if (i >= lines.size()) {
            throw refused(source, "the signature block does not end");
        }
        for (int j = i + 1; j < lines.size(); j++) {
            if (!lines.get(j).isBlank()) {
                throw refused(source, "there is text after the signature");
            }
        }
        String armoredSignature = String.join("\n", lines.subList(signatureStart, i + 1)) + "\n";
        String signer = checkSignature(canonical(body), armoredSignature, source, keys);
        return read(String.join("\n", body) + "\n", suite, source, signer);
    }

    /** RFC 4880 7.1: trailing spaces and tabs removed, CR LF between lines, none after the last. */
    private static byte[] canonical(List<String> body) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < body.size(); k++) {
            if (k > 0) {
                sb.append("\r\n");
            }
            sb.append(body.get(k).replaceAll("[ \t]+$", ""));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String checkSignature(byte[] signed, String armored, String source, PGPPublicKeyRingCollection keys)
            throws SysrootException {
        PGPSignatureList signatures;
        try (ArmoredInputStream in = new ArmoredInputStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            Object o = new BcPGPObjectFactory(in).nextObject();
            if (!(o instanceof PGPSignatureList list)) {
                throw refused(source, "its signature block holds no signature");
            }
            signatures = list;
        } catch (IOException | RuntimeException e) {
            throw refused(source, "its signature block cannot be read (" + e.getMessage() + ")");
        }
        List<String> seen = new ArrayList<>();
        for (PGPSignature sig : signatures) {
            String keyId = String.format("%016X", sig.getKeyID());
            PGPPublicKey key = keys.getPublicKey(sig.getKeyID());
            if (key == null) {
                seen.add("key " + keyId + " is not one of Debian's archive keys");
                continue;
            }
            if (sig.getHashAlgorithm() != HashAlgorithmTags.SHA256 && sig.getHashAlgorithm() != HashAlgorithmTags.SHA384
                    && sig.getHashAlgorithm() != HashAlgorithmTags.SHA512) {
                seen.add("key " + keyId + " signed with a weak hash algorithm (" + sig.getHashAlgorithm() + ")");
                continue;
            }
            if (key.hasRevocation()) {
                seen.add("key " + keyId + " is revoked");
                continue;
            }
            long created = sig.getCreationTime().toInstant().getEpochSecond();
            long keyCreated = key.getCreationTime().toInstant().getEpochSecond();
            long valid = key.getValidSeconds();
            if (created < keyCreated || (valid > 0 && created > keyCreated + valid)) {
                seen.add("key " + keyId + " was not valid when the signature was made (" + sig.getCreationTime().toInstant()
                        + ")");
                continue;
            }
            try {
                sig.init(new BcPGPContentVerifierBuilderProvider(), key);
                sig.update(signed);
                if (sig.verify()) {
                    return signerName(keys, sig.getKeyID(), keyId);
                }
                seen.add("the signature by key " + keyId + " does not match the text");
            } catch (PGPException e) {
                seen.add("the signature by key " + keyId + " cannot be checked (" + e.getMessage() + ")");
            }
        }
        throw refused(source, "no good signature by one of Debian's archive keys: "
                + (seen.isEmpty() ? "no signatures" : String.join("; ", seen))
                + ". The file was altered, or the mirror is not a Debian archive");
    }

    private static String signerName(PGPPublicKeyRingCollection keys, long keyId, String hex) {
        var ids = keys.getPublicKeyRing(keyId).getPublicKey().getUserIDs();
        return ids.hasNext() ? ids.next() + " (" + hex + ")" : hex;
    }

    private static SignedRelease read(String text, String suite, String source, String signer) throws SysrootException {
        List<Map<String, String>> paragraphs = new ArrayList<>();
        try {
            ControlParagraphs.read(new BufferedReader(new StringReader(text)), source, paragraphs::add);
        } catch (IOException e) {
            throw refused(source, e.getMessage());
        }
        if (paragraphs.size() != 1) {
            throw refused(source, "the signed text has " + paragraphs.size() + " paragraphs, expected one");
        }
        Map<String, String> f = paragraphs.get(0);
        String codename = ControlParagraphs.field(f, "Codename");
        if (!suite.equals(codename)) {
            throw refused(source, "it is signed, but for Codename '" + codename + "', not '" + suite
                    + "': the mirror serves another release at this address");
        }
        Instant date = date(ControlParagraphs.field(f, "Date"), "Date", source)
                .orElseThrow(() -> refused(source, "it has no Date"));
        Optional<Instant> validUntil = date(ControlParagraphs.field(f, "Valid-Until"), "Valid-Until", source);
        Map<String, IndexFile> files = new HashMap<>();
        String sums = ControlParagraphs.field(f, "SHA256");
        if (sums == null) {
            throw refused(source, "it has no SHA256 list");
        }
        for (String line : sums.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = CHECKSUM_LINE.matcher(line);
            if (!m.matches()) {
                throw refused(source, "SHA256 line '" + clip(line) + "' is not 'checksum size path'");
            }
            files.put(m.group(3), new IndexFile(m.group(3), m.group(1), Long.parseLong(m.group(2))));
        }
        return new SignedRelease(suite, codename, date, validUntil,
                "yes".equalsIgnoreCase(ControlParagraphs.field(f, "Acquire-By-Hash")), files, signer);
    }

    private static Optional<Instant> date(String value, String field, String source) throws SysrootException {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim().replace(" UTC", " +0000"),
                    DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant());
        } catch (DateTimeParseException e) {
            throw refused(source, field + " '" + value + "' is not an RFC 2822 date");
        }
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static SysrootException refused(String source, String why) {
        return new SysrootException("refused " + source + ": " + why + "; nothing was cached");
    }

    /** The index file at {@code path} (e.g. {@code main/binary-amd64/Packages.xz}), as listed. */
    public Optional<IndexFile> file(String path) {
        return Optional.ofNullable(sha256.get(path));
    }
}
