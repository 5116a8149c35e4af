package dev.winelib.sysroot;

/**
 * Limits and choices for unpacking a sysroot archive.
 *
 * @param maxTotalBytes most bytes of regular-file content a tree may hold (all parts together);
 *     counted as the bytes are written, so a header that lies about its size does not help
 * @param maxEntries most archive entries a tree may be made of (all parts together, directories
 *     and links included)
 * @param skipSpecialFiles {@code false} (the default): device files and FIFOs are refused;
 *     {@code true}: they are left out and each is recorded as a note in the tree's metadata
 */
public record UnpackPolicy(long maxTotalBytes, long maxEntries, boolean skipSpecialFiles) {

    /** 8 GiB: the Steam Runtime SDK sysroot unpacks to a few GiB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 8L << 30;

    /** One million entries: a Debian-derived SDK sysroot has about a hundred thousand. */
    public static final long DEFAULT_MAX_ENTRIES = 1_000_000;

    public UnpackPolicy {
        if (maxTotalBytes < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("limits must not be negative: " + maxTotalBytes + ", " + maxEntries);
        }
    }

    public static UnpackPolicy defaults() {
        return new UnpackPolicy(DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_ENTRIES, false);
    }

    public UnpackPolicy withMaxTotalBytes(long bytes) {
        return new UnpackPolicy(bytes, maxEntries, skipSpecialFiles);
    }

    public UnpackPolicy withMaxEntries(long entries) {
        return new UnpackPolicy(maxTotalBytes, entries, skipSpecialFiles);
    }

    public UnpackPolicy withSkipSpecialFiles(boolean skip) {
        return new UnpackPolicy(maxTotalBytes, maxEntries, skip);
    }
}
