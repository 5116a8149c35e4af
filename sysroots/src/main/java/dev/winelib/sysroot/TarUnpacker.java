package dev.winelib.sysroot;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks tar streams, one after the other, into one directory, refusing whatever could reach
 * outside it.
 *
 * <ul>
 * <li>Names: a leading {@code ./} is dropped; absolute names, names with a {@code ..} component
 * and names with control characters are refused.</li>
 * <li>Nothing is written through a symlink: an entry whose parent path contains a symlink already
 * unpacked is refused ({@code a -> /etc} followed by {@code a/passwd}). Files are created anew
 * ({@code O_CREAT|O_EXCL}, no following of links); an entry that names an existing file or link
 * replaces it, one that would replace a directory (or make a directory over a file or link) is
 * refused.</li>
 * <li>Symlinks: absolute targets are rewritten as relative ones that point at the same path
 * inside the tree ({@code lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/ld-2.31.so} becomes
 * {@code -> ../lib/x86_64-linux-gnu/ld-2.31.so}); once everything is unpacked every link is
 * resolved the way the kernel would, following the tree's other links, and one that leaves the
 * tree is refused. Dangling links inside the tree are kept (Debian has some).</li>
 * <li>Hard links must name a regular file unpacked earlier, by a name that obeys the same rules.</li>
 * <li>Device files and FIFOs are refused, or skipped with a note when the policy says so. Other
 * entry types (GNU volume headers, multi-volume continuations...) are refused.</li>
 * <li>Limits: total bytes of file content and number of entries, over all streams.</li>
 * <li>Permissions: the {@code rwx} bits of the entry, without setuid, setgid and sticky; the owner
 * can always read files and read, write and enter directories (so that the tree can be checked
 * and deleted). Owners and groups are not applied. Timestamps: {@link Manifest#TIMESTAMP}.</li>
 * </ul>
 *
 * <p>Not thread-safe. The directory must be private to this unpacker while it works.
 */
final class TarUnpacker {

    /** Most links followed while resolving one link, as Linux (ELOOP). */
    private static final int MAX_LINK_HOPS = 40;

    /** xz -9 needs 65 MiB to decompress; a header asking for more than this is refused. */
    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    private final Path root;
    private final UnpackPolicy policy;
    private final TreeMap<String, Manifest.Entry> entries = new TreeMap<>();
    /** For links: where they came from, for the message if the final check refuses them. */
    private final Map<String, LinkOrigin> linkOrigins = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private long totalBytes;
    private long entryCount;
    private int rewrittenLinks;
    private boolean finished;

    private record LinkOrigin(String archive, String entryName, String originalTarget) {
    }

    /** What was unpacked. */
    record Result(Manifest manifest, long entryCount, long totalBytes, int rewrittenLinks, List<String> notes) {
    }

    /** @param root an existing, empty directory */
    TarUnpacker(Path root, UnpackPolicy policy) {
        this.root = root;
        this.policy = policy;
    }

    /**
     * Unpacks one tar stream (plain, gzip, xz or bzip2). {@code in} is read up to the end of the
     * tar archive and not closed.
     *
     * @param archiveName names the stream in messages
     */
    void unpack(String archiveName, InputStream in) throws SysrootException {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        String last = null;
        try {
            InputStream data = decompress(archiveName, new BufferedInputStream(new NonClosing(in), 1 << 16));
            TarArchiveInputStream tar = new TarArchiveInputStream(data, "UTF-8");
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                last = e.getName();
                try {
                    entry(archiveName, tar, e);
                } catch (SysrootException | IOException | RuntimeException failure) {
                    throw new EntryFailure(failure);
                }
            }
            if (last == null) {
                throw new SysrootException("sysroot archive " + archiveName + " has no entries: it is not a tar"
                        + " archive, or it is empty");
            }
        } catch (EntryFailure f) {
            if (f.getCause() instanceof SysrootException se) {
                throw se;
            }
            if (f.getCause() instanceof RuntimeException re && !(re instanceof IllegalArgumentException)) {
                throw re;
            }
            throw new SysrootException("cannot unpack entry '" + last + "' of sysroot archive " + archiveName
                    + " into " + root + ": " + describe((Exception) f.getCause()), f.getCause());
        } catch (IOException | IllegalArgumentException e) {
            throw new SysrootException("cannot read sysroot archive " + archiveName
                    + (last == null ? "" : " after entry '" + last + "'") + ": " + describe(e)
                    + " (not a tar archive, or damaged)", e);
        }
    }

    /** Checks the links of the whole tree, sets the directories' times and returns what was made. */
    Result finish() throws SysrootException {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        finished = true;
        for (Map.Entry<String, Manifest.Entry> e : entries.entrySet()) {
            if (e.getValue().type() == Manifest.Type.LINK) {
                String escape = resolve(e.getKey());
                if (escape != null) {
                    LinkOrigin o = linkOrigins.get(e.getKey());
                    String target = o.originalTarget().equals(e.getValue().target()) ? o.originalTarget()
                            : o.originalTarget() + " (rewritten as " + e.getValue().target() + ")";
                    throw refusal(o.archive(), o.entryName(), "is a symlink to " + target + ", which " + escape);
                }
            }
        }
        try {
            for (Map.Entry<String, Manifest.Entry> e : entries.entrySet()) {
                if (e.getValue().type() == Manifest.Type.DIRECTORY) {
                    Files.setLastModifiedTime(root.resolve(e.getKey()), Manifest.TIMESTAMP);
                }
            }
            Files.setLastModifiedTime(root, Manifest.TIMESTAMP);
        } catch (IOException e) {
            throw new SysrootException("cannot set the times of the directories of " + root + ": " + describe(e), e);
        }
        if (rewrittenLinks > 0) {
            notes.add(rewrittenLinks + " absolute symlinks rewritten as relative links inside the tree");
        }
        return new Result(new Manifest(entries), entryCount, totalBytes, rewrittenLinks, notes);
    }

    private void entry(String archive, TarArchiveInputStream tar, TarArchiveEntry e)
            throws SysrootException, IOException {
        String name = e.getName();
        if (++entryCount > policy.maxEntries()) {
            throw refusal(archive, name, "is one entry too many: the limit is " + policy.maxEntries() + " entries");
        }
        String rel = normalize(archive, name, name, "its name");
        byte flag = e.getLinkFlag();
        if (e.isSymbolicLink()) {
            symlink(archive, name, rel, e.getLinkName());
        } else if (e.isLink()) {
            hardLink(archive, name, rel, e.getLinkName());
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            String what = e.isFIFO() ? "a FIFO" : e.isCharacterDevice() ? "a character device" : "a block device";
            if (!policy.skipSpecialFiles()) {
                throw refusal(archive, name, "is " + what + ": device files and FIFOs do not belong in a sysroot");
            }
            notes.add("skipped " + what + " " + rel + " (" + archive + ")");
        } else if (flag == TarConstants.LF_DIR
                || ((flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM) && name.endsWith("/"))) {
            directory(archive, name, rel, e.getMode());
        } else if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                || flag == TarConstants.LF_CONTIG || flag == TarConstants.LF_GNUTYPE_SPARSE) {
            file(archive, name, rel, e, tar);
        } else {
            throw refusal(archive, name, "has tar entry type '" + (char) flag + "', which is not unpacked");
        }
    }

    private void directory(String archive, String name, String rel, int tarMode) throws SysrootException, IOException {
        if (rel.isEmpty()) {
            return; // "./": the root keeps its own mode
        }
        Path p = prepareParents(archive, name, rel);
        BasicFileAttributes a = attributes(p);
        if (a == null) {
            Files.createDirectory(p);
        } else if (a.isSymbolicLink()) {
            throw refusal(archive, name, "is a directory that would replace the symlink " + rel + " -> "
                    + Files.readSymbolicLink(p) + " (nothing is written through or over symlinks)");
        } else if (!a.isDirectory()) {
            throw refusal(archive, name, "is a directory that would replace the file " + rel);
        }
        int mode = (tarMode & 0777) | 0700;
        Files.setPosixFilePermissions(p, Manifest.permissions(mode));
        entries.put(rel, Manifest.Entry.directory(mode));
    }

    private void file(String archive, String name, String rel, TarArchiveEntry e, InputStream data)
            throws SysrootException, IOException {
        if (rel.isEmpty()) {
            throw refusal(archive, name, "would replace the root of the sysroot");
        }
        long declared = e.isSparse() ? e.getRealSize() : e.getSize();
        if (declared < 0 || declared > policy.maxTotalBytes() - totalBytes) {
            throw tooLarge(archive, name);
        }
        Path p = prepareParents(archive, name, rel);
        removeExisting(archive, name, rel, p);
        MessageDigest sha = Manifest.newSha256();
        long size = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = read(archive, name, data, buf)) >= 0) {
                if (n > policy.maxTotalBytes() - totalBytes) {
                    throw tooLarge(archive, name);
                }
                totalBytes += n;
                size += n;
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        int mode = (e.getMode() & 0777) | 0400;
        Files.setPosixFilePermissions(p, Manifest.permissions(mode));
        Files.setLastModifiedTime(p, Manifest.TIMESTAMP);
        entries.put(rel, Manifest.Entry.file(mode, size, HexFormat.of().formatHex(sha.digest())));
    }

    private static int read(String archive, String name, InputStream data, byte[] buf) throws SysrootException {
        try {
            return data.read(buf);
        } catch (IOException e) {
            throw new SysrootException("cannot read sysroot archive " + archive + " at entry '" + name + "': "
                    + describe(e) + " (truncated or damaged)", e);
        }
    }

    /** An exception's message; for file system errors with what went wrong ("NoSuchFileException: /x"). */
    static String describe(Exception e) {
        if (e instanceof java.nio.file.FileSystemException || e.getMessage() == null) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage();
    }

    private void symlink(String archive, String name, String rel, String target) throws SysrootException, IOException {
        if (rel.isEmpty()) {
            throw refusal(archive, name, "would replace the root of the sysroot");
        }
        if (target.isEmpty()) {
            throw refusal(archive, name, "is a symlink with an empty target");
        }
        if (hasControlCharacters(target)) {
            throw refusal(archive, name, "is a symlink whose target contains control characters");
        }
        List<String> dir = parentComponents(rel);
        String onDisk = target;
        if (target.startsWith("/")) {
            onDisk = relativeTarget(dir, target);
            rewrittenLinks++;
        }
        // a first, purely lexical check gives the clearest message; finish() follows the links
        if (escapesLexically(dir, onDisk)) {
            throw refusal(archive, name, "is a symlink to " + target
                    + (onDisk.equals(target) ? "" : " (rewritten as " + onDisk + ")") + ", which points outside the sysroot");
        }
        Path p = prepareParents(archive, name, rel);
        removeExisting(archive, name, rel, p);
        Files.createSymbolicLink(p, Path.of(onDisk));
        entries.put(rel, Manifest.Entry.link(onDisk));
        linkOrigins.put(rel, new LinkOrigin(archive, name, target));
    }

    private void hardLink(String archive, String name, String rel, String target) throws SysrootException, IOException {
        if (rel.isEmpty()) {
            throw refusal(archive, name, "would replace the root of the sysroot");
        }
        String targetRel = normalize(archive, name, target, "its hard link target '" + target + "'");
        if (targetRel.equals(rel)) {
            throw refusal(archive, name, "is a hard link to itself");
        }
        checkNoLinkOnTheWay(archive, name, targetRel, "is a hard link to " + target);
        Path existing = root.resolve(targetRel);
        BasicFileAttributes a = attributes(existing);
        Manifest.Entry known = entries.get(targetRel);
        if (a == null || known == null) {
            throw refusal(archive, name, "is a hard link to " + target
                    + ", which does not exist (hard links must name a file unpacked before them)");
        }
        if (!a.isRegularFile() || known.type() != Manifest.Type.FILE) {
            throw refusal(archive, name, "is a hard link to " + target + ", which is not a regular file");
        }
        Path p = prepareParents(archive, name, rel);
        removeExisting(archive, name, rel, p);
        Files.createLink(p, existing);
        entries.put(rel, known);
    }

    /**
     * The entry name relative to the root ("" for the root itself), or a refusal: absolute names
     * (after dropping leading "./"), ".." components, control characters.
     */
    private static String normalize(String archive, String entryName, String name, String what)
            throws SysrootException {
        if (hasControlCharacters(name)) {
            throw refusal(archive, entryName, "is refused: " + what + " contains control characters");
        }
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.startsWith("/")) {
            throw refusal(archive, entryName, "escapes the sysroot: " + what + " is an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String c : n.split("/")) {
            if (c.equals("..")) {
                throw refusal(archive, entryName, "escapes the sysroot: " + what + " has a '..' component");
            }
            if (!c.isEmpty() && !c.equals(".")) {
                parts.add(c);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Makes the missing parent directories of {@code rel} (mode 0755) and refuses if one of them
     * is a symlink or not a directory. Returns the entry's path.
     */
    private Path prepareParents(String archive, String name, String rel) throws SysrootException, IOException {
        List<String> parents = parentComponents(rel);
        Path cur = root;
        StringBuilder prefix = new StringBuilder();
        for (String c : parents) {
            cur = cur.resolve(c);
            if (prefix.length() > 0) {
                prefix.append('/');
            }
            prefix.append(c);
            BasicFileAttributes a = attributes(cur);
            if (a == null) {
                Files.createDirectory(cur);
                Files.setPosixFilePermissions(cur, Manifest.permissions(0755));
                entries.put(prefix.toString(), Manifest.Entry.directory(0755));
            } else if (a.isSymbolicLink()) {
                throw refusal(archive, name, "would be written through the symlink " + prefix + " -> "
                        + Files.readSymbolicLink(cur) + " (nothing is written through symlinks)");
            } else if (!a.isDirectory()) {
                throw refusal(archive, name, "is inside " + prefix + ", which is not a directory");
            }
        }
        return root.resolve(rel);
    }

    /** Refuses a path whose parent directories, as unpacked so far, include a symlink. */
    private void checkNoLinkOnTheWay(String archive, String name, String rel, String what)
            throws SysrootException, IOException {
        Path cur = root;
        StringBuilder prefix = new StringBuilder();
        for (String c : parentComponents(rel)) {
            cur = cur.resolve(c);
            if (prefix.length() > 0) {
                prefix.append('/');
            }
            prefix.append(c);
            BasicFileAttributes a = attributes(cur);
            if (a != null && a.isSymbolicLink()) {
                throw refusal(archive, name, what + ", which is reached through the symlink " + prefix + " -> "
                        + Files.readSymbolicLink(cur) + " (nothing is written through symlinks)");
            }
        }
    }

    /** Deletes a file or link at {@code p} (never what a link points to); refuses to replace a directory. */
    private void removeExisting(String archive, String name, String rel, Path p) throws SysrootException, IOException {
        BasicFileAttributes a = attributes(p);
        if (a == null) {
            return;
        }
        if (a.isDirectory()) {
            throw refusal(archive, name, "would replace the directory " + rel);
        }
        Files.delete(p);
        entries.remove(rel);
        linkOrigins.remove(rel);
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Resolves the link at {@code rel} through the tree's links as the kernel would; null if it
     * stays inside the tree (or dangles, or loops, which cannot leave it), else why not.
     */
    private String resolve(String rel) {
        List<String> base = new ArrayList<>(parentComponents(rel));
        ArrayList<String> todo = new ArrayList<>(components(entries.get(rel).target()));
        java.util.Collections.reverse(todo); // a stack: next component last
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.remove(todo.size() - 1);
            if (c.equals("..")) {
                if (base.isEmpty()) {
                    return "leads outside the sysroot once the links inside it are followed";
                }
                base.remove(base.size() - 1);
                continue;
            }
            String candidate = base.isEmpty() ? c : String.join("/", base) + "/" + c;
            Manifest.Entry e = entries.get(candidate);
            if (e != null && e.type() == Manifest.Type.LINK) {
                if (++hops > MAX_LINK_HOPS) {
                    return null; // a loop: ELOOP, harmless
                }
                List<String> more = new ArrayList<>(components(e.target()));
                java.util.Collections.reverse(more);
                todo.addAll(more);
            } else {
                base.add(c);
            }
        }
        return null;
    }

    /**
     * An absolute target as a relative link from {@code dir} to the same path inside the tree;
     * the leading components shared with {@code dir} are dropped (they are real directories, so
     * this changes nothing physically).
     */
    static String relativeTarget(List<String> dir, String absoluteTarget) {
        List<String> t = components(absoluteTarget);
        int common = 0;
        while (common < dir.size() && common < t.size() && t.get(common).equals(dir.get(common))) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < dir.size(); i++) {
            out.add("..");
        }
        out.addAll(t.subList(common, t.size()));
        return out.isEmpty() ? "." : String.join("/", out);
    }

    private static boolean escapesLexically(List<String> dir, String target) {
        int depth = dir.size();
        for (String c : components(target)) {
            if (c.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else {
                depth++;
            }
        }
        return false;
    }

    /** Components without "" and "." (a leading "/" is dropped). */
    private static List<String> components(String path) {
        return Arrays.stream(path.split("/")).filter(c -> !c.isEmpty() && !c.equals(".")).toList();
    }

    private static List<String> parentComponents(String rel) {
        List<String> c = components(rel);
        return c.isEmpty() ? c : c.subList(0, c.size() - 1);
    }

    private static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f);
    }

    private SysrootException tooLarge(String archive, String name) {
        return refusal(archive, name, "is too large: the sysroot would hold more than " + policy.maxTotalBytes()
                + " bytes (the limit)");
    }

    static SysrootException refusal(String archive, String entryName, String why) {
        return new SysrootException("refused sysroot archive " + archive + ": entry '" + entryName + "' " + why);
    }

    private static InputStream decompress(String archive, BufferedInputStream in) throws IOException, SysrootException {
        in.mark(8);
        byte[] head = in.readNBytes(6);
        in.reset();
        if (startsWith(head, 0x1f, 0x8b)) {
            return new GzipCompressorInputStream(in, true);
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return new XZCompressorInputStream(in, true, XZ_MEMORY_LIMIT_KIB);
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            return new BZip2CompressorInputStream(in, true);
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            throw new SysrootException("sysroot archive " + archive
                    + " is compressed with zstd, which is not supported: use a .tar.gz, .tar.xz or .tar.bz2");
        }
        return in;
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Carries a failure while unpacking one entry out of the reading loop. */
    private static final class EntryFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EntryFailure(Exception cause) {
            super(cause);
        }
    }

    /** Keeps the caller's stream open when the decompressor is dropped. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
