package dev.foxbox.image.archive;

import dev.foxbox.image.layer.Compression;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.InvalidDigestException;
import dev.foxbox.image.store.BlobWriter;
import dev.foxbox.image.store.ContentStore;
import dev.foxbox.image.store.DigestMismatchException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an image archive (a tar, plain or gzip- or zstd-compressed) once, front to back, as it
 * streams in (from a pipe, say): the few small metadata files ({@code index.json},
 * {@code manifest.json}, …) into memory, every other file into the content store as a blob,
 * hashed on the way, and links as names. A blob in the store is invisible until an image names
 * it, so an archive that fails half way leaves nothing anyone sees (garbage collection takes what
 * it wrote). The loader then finds each file by name, through links, with {@link #blob}.
 *
 * <p>Hostile archives are refused, each with one line saying why: names that are absolute or
 * climb out of the archive with {@code ..}, links that point out of it, devices, a metadata file
 * over 4 MiB, a file larger than the space left for the store, more than 100,000 entries, a blob
 * whose content does not match the digest it is named by, a name given twice, a truncated tar.
 */
final class ArchiveReader {

    static final int MAX_METADATA_BYTES = 4 * 1024 * 1024;
    static final int MAX_ENTRIES = 100_000;
    private static final int MAX_LINK_HOPS = 16;
    /** Read into memory: what the formats describe themselves with. */
    private static final Set<String> METADATA = Set.of("oci-layout", "index.json", "manifest.json", "repositories");

    /** A file of the archive, now a blob of the store. */
    record Blob(Digest digest, long size) {}

    private final String source;
    private final Map<String, byte[]> metadata = new HashMap<>();
    private final Map<String, Blob> blobs = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    private ArchiveReader(String source) {
        this.source = source;
    }

    /**
     * Reads the whole archive.
     *
     * @param source   what to call the archive in errors (a file name, "stdin")
     * @param store    where its files go
     * @param spaceDir a directory on the store's file system, to check sizes against its free space
     */
    static ArchiveReader read(InputStream archive, String source, ContentStore store, Path spaceDir) throws IOException {
        ArchiveReader reader = new ArchiveReader(source);
        InputStream plain;
        try {
            plain = Compression.decompress(archive);
        } catch (IOException e) {
            throw new InvalidArchiveException(source + " is not an image archive: " + e.getMessage(), e);
        }
        TarArchiveInputStream tar = new TarArchiveInputStream(plain);
        int entries = 0;
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidArchiveException(source + " is not a valid tar archive: " + e.getMessage(), e);
            }
            if (entry == null) {
                break;
            }
            if (++entries > MAX_ENTRIES) {
                throw new InvalidArchiveException(source + " has more than " + MAX_ENTRIES + " entries; no image archive has");
            }
            reader.take(entry, tar, store, spaceDir);
        }
        if (entries == 0) {
            throw new InvalidArchiveException(source + " is empty or not a tar archive");
        }
        return reader;
    }

    private void take(TarArchiveEntry entry, TarArchiveInputStream tar, ContentStore store, Path spaceDir)
            throws IOException {
        String name = clean(entry.getName(), entry.getName());
        if (entry.isDirectory() || name.isEmpty()) {
            return;
        }
        if (entry.isSymbolicLink()) {
            String dir = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
            if (entry.getLinkName().startsWith("/")) {
                throw new InvalidArchiveException(source + ": link " + name + " points outside the archive ("
                        + printable(entry.getLinkName()) + ")");
            }
            claim(name);
            links.put(name, clean(dir + entry.getLinkName(), "the target of link " + name));
            return;
        }
        if (entry.isLink()) {
            claim(name);
            links.put(name, clean(entry.getLinkName(), "the target of hard link " + name));
            return;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || !entry.isFile()) {
            throw new InvalidArchiveException(source + ": entry " + name + " is a device or a fifo, which no image archive holds");
        }
        claim(name);
        long size = entry.getSize();
        if (METADATA.contains(name)) {
            if (size > MAX_METADATA_BYTES) {
                throw new InvalidArchiveException(source + ": " + name + " is " + size + " bytes, over the limit of "
                        + MAX_METADATA_BYTES + " bytes");
            }
            metadata.put(name, readFully(tar, (int) size, name));
            return;
        }
        if (isLegacyDockerFile(name)) {
            return; // docker's v1 metadata beside manifest.json; nothing reads it any more
        }
        long free = Files.getFileStore(spaceDir).getUsableSpace();
        if (size > free) {
            throw new InvalidArchiveException(source + ": entry " + name + " says it is " + size + " bytes, more than the "
                    + free + " bytes free for the store");
        }
        Digest named = digestOfName(name);
        try (BlobWriter writer = store.newWriter(named != null ? named.algorithm() : Digest.Algorithm.SHA256)) {
            try {
                tar.transferTo(writer);
            } catch (EOFException e) {
                throw truncated(name, e);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("truncated")) {
                    throw truncated(name, e);
                }
                throw e;
            }
            if (writer.size() != size) {
                throw truncated(name, null);
            }
            try {
                blobs.put(name, new Blob(writer.commit(named), size));
            } catch (DigestMismatchException e) {
                throw new InvalidArchiveException(source + ": " + name + " does not match its name: its content is "
                        + e.actual(), e);
            }
        }
    }

    private byte[] readFully(InputStream tar, int size, String name) throws IOException {
        byte[] bytes = tar.readNBytes(size);
        if (bytes.length != size) {
            throw truncated(name, null);
        }
        return bytes;
    }

    private InvalidArchiveException truncated(String name, Throwable cause) {
        return new InvalidArchiveException(source + " is truncated: it ends inside " + name, cause);
    }

    private void claim(String name) throws InvalidArchiveException {
        if (metadata.containsKey(name) || blobs.containsKey(name) || links.containsKey(name)) {
            throw new InvalidArchiveException(source + " holds " + name + " twice");
        }
    }

    /** {@code blobs/<algorithm>/<hex>}: the digest the OCI layout names the file by; else null. */
    private Digest digestOfName(String name) throws InvalidArchiveException {
        String[] parts = name.split("/");
        if (parts.length != 3 || !parts[0].equals("blobs")) {
            return null;
        }
        try {
            return Digest.parse(parts[1] + ":" + parts[2]);
        } catch (InvalidDigestException e) {
            throw new InvalidArchiveException(source + ": " + name + " is not named by a digest: " + e.getMessage());
        }
    }

    private static boolean isLegacyDockerFile(String name) {
        int slash = name.lastIndexOf('/');
        String base = name.substring(slash + 1);
        return slash > 0 && (base.equals("json") || base.equals("VERSION"));
    }

    /**
     * A name as a clean relative path ({@code a/b}): {@code ./} and empty components dropped,
     * {@code ..} resolved, refused when absolute or when it climbs out of the archive.
     */
    private String clean(String name, String what) throws InvalidArchiveException {
        if (name.indexOf('\0') >= 0) {
            throw new InvalidArchiveException(source + ": " + printable(what) + " has a NUL byte in its name");
        }
        if (name.startsWith("/")) {
            throw new InvalidArchiveException(source + ": " + printable(what) + " is an absolute path ("
                    + printable(name) + "), outside the archive");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidArchiveException(source + ": " + printable(what) + " climbs out of the archive ("
                            + printable(name) + ")");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 120 ? p.substring(0, 117) + "..." : p;
    }

    /** A metadata file's bytes, or null when the archive has none by that name. */
    byte[] metadata(String name) {
        return metadata.get(name);
    }

    /** The blob the file {@code name} became, following links; refused when the archive has no such file. */
    Blob blob(String name, String what) throws InvalidArchiveException {
        String at = clean(name, what);
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            Blob blob = blobs.get(at);
            if (blob != null) {
                return blob;
            }
            String next = links.get(at);
            if (next == null) {
                throw new InvalidArchiveException(source + ": " + what + " names " + printable(name)
                        + ", which the archive does not hold");
            }
            at = next;
        }
        throw new InvalidArchiveException(source + ": " + what + " names " + printable(name) + ", a loop of links");
    }

    String source() {
        return source;
    }
}
