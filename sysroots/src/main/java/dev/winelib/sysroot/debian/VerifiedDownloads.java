package dev.winelib.sysroot.debian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.codec.digest.DigestUtils;

import dev.winelib.sysroot.SysrootException;

/**
 * Downloads over HTTP with the JDK's client, and a store of files named by their sha256 whose
 * content is checked on every use. A download goes to a temporary file next to the store, is
 * checked against the expected size and sha256, and only then renamed into the store, so the
 * store never holds an unverified file.
 */
final class VerifiedDownloads {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Most bytes of a file whose size is not known beforehand (an {@code InRelease}). */
    static final long MAX_UNSIZED_BYTES = 16L << 20;

    private final HttpClient http;
    private final String offlineAdvice;

    VerifiedDownloads(String offlineAdvice) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.offlineAdvice = offlineAdvice;
    }

    /** The body of a small file (at most {@link #MAX_UNSIZED_BYTES}), not stored. */
    byte[] fetch(URI uri) throws SysrootException {
        try (InputStream in = open(uri, false).orElseThrow()) {
            byte[] body = in.readNBytes((int) MAX_UNSIZED_BYTES + 1);
            if (body.length > MAX_UNSIZED_BYTES) {
                throw new SysrootException("refused " + uri + ": larger than " + MAX_UNSIZED_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw unreachable(uri, e);
        }
    }

    /**
     * The file with this sha256 from the store {@code directory} (checked again now), or else
     * downloaded from the first of {@code uris} that exists, checked and stored.
     *
     * @param what names the file in messages (e.g. {@code libc6_2.31-13_amd64.deb})
     */
    Path stored(Path directory, String sha256, long size, List<URI> uris, String what) throws SysrootException {
        return stored(directory, sha256, size, uris, what, false).orElseThrow();
    }

    /**
     * As {@link #stored(Path, String, long, List, String)}, but empty instead of failing when every
     * one of {@code uris} answers 404 and {@code missingIsEmpty}.
     */
    Optional<Path> stored(Path directory, String sha256, long size, List<URI> uris, String what,
            boolean missingIsEmpty) throws SysrootException {
        if (!SHA256.matcher(sha256).matches()) {
            throw new SysrootException(what + ": '" + sha256 + "' is not a sha256");
        }
        Path target = directory.resolve(sha256);
        try {
            Files.createDirectories(directory);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.size(target) == size && sha256(target).equals(sha256)) {
                    return Optional.of(target);
                }
                Files.delete(target); // damaged since it was stored: fetch it again
            }
        } catch (IOException e) {
            throw new SysrootException("cannot use the download store " + directory + ": " + e.getMessage(), e);
        }
        for (int k = 0; k < uris.size(); k++) {
            URI uri = uris.get(k);
            Optional<InputStream> body;
            try {
                body = open(uri, missingIsEmpty || k < uris.size() - 1);
            } catch (IOException e) {
                throw unreachable(uri, e);
            }
            if (body.isEmpty()) {
                continue;
            }
            Path part = null;
            try (InputStream in = body.get()) {
                part = Files.createTempFile(directory, ".part-", ".tmp");
                MessageDigest digest = newSha256();
                long written = 0;
                byte[] buf = new byte[1 << 16];
                try (OutputStream out = Files.newOutputStream(part)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        written += n;
                        if (written > size) {
                            throw new SysrootException("refused " + what + " from " + uri + ": larger than the "
                                    + size + " bytes the signed index lists; nothing was cached");
                        }
                        digest.update(buf, 0, n);
                        out.write(buf, 0, n);
                    }
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (written != size || !actual.equals(sha256)) {
                    throw new SysrootException("refused " + what + " from " + uri + ": it has sha256 " + actual
                            + " (" + written + " bytes), but the signed index lists " + sha256 + " (" + size
                            + " bytes): the mirror served a damaged or altered file; nothing was cached");
                }
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new SysrootException("cannot rename " + part + " to " + target + " atomically", e);
                }
                part = null;
                return Optional.of(target);
            } catch (IOException e) {
                throw unreachable(uri, e);
            } finally {
                if (part != null) {
                    try {
                        Files.deleteIfExists(part);
                    } catch (IOException e) {
                        // already failing
                    }
                }
            }
        }
        if (missingIsEmpty) {
            return Optional.empty();
        }
        throw new SysrootException("none of " + uris + " exists (HTTP 404): is the mirror complete? " + offlineAdvice);
    }

    /** The body of a 200 response; empty for a 404 when {@code notFoundIsEmpty}. */
    private Optional<InputStream> open(URI uri, boolean notFoundIsEmpty) throws IOException, SysrootException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("User-Agent", "winebuild-j").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SysrootException("interrupted while downloading " + uri, e);
        }
        if (response.statusCode() == 200) {
            return Optional.of(response.body());
        }
        response.body().close();
        if (response.statusCode() == 404 && notFoundIsEmpty) {
            return Optional.empty();
        }
        throw new SysrootException("cannot download " + uri + ": HTTP status " + response.statusCode() + ". "
                + offlineAdvice);
    }

    private SysrootException unreachable(URI uri, IOException e) {
        String why = e instanceof ConnectException ? "connection refused or no route"
                : e instanceof HttpTimeoutException ? "timed out" : e.toString();
        return new SysrootException("cannot download " + uri + " (" + why + "); without network access to Debian's"
                + " archive the 'sniper' sysroot cannot be provisioned. " + offlineAdvice, e);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return DigestUtils.sha256Hex(in);
        }
    }

    static MessageDigest newSha256() {
        return DigestUtils.getSha256Digest();
    }
}
