package dev.foxbox.image.store;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.Manifest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mark and sweep over the store: a blob survives when index.json or one of the {@link GcRoots}
 * reaches it, through indexes and manifests down to configs and layers. Runs under the store's
 * exclusive lock (see {@link ImageStore#writing()}), so no blob that a concurrent writer is about
 * to tag is taken. Temporary files that processes which have since died left behind go too.
 */
public final class GarbageCollector {

    private final ImageStore store;
    private final Path tmpDir;
    private final List<GcRoots> extraRoots;

    public GarbageCollector(ImageStore store, Path tmpDir, List<GcRoots> extraRoots) {
        this.store = store;
        this.tmpDir = tmpDir;
        this.extraRoots = List.copyOf(extraRoots);
    }

    /** What a collection removed. */
    public record Result(List<Digest> deletedBlobs, long bytesFreed, int staleTempFiles) {}

    public Result collect() throws IOException {
        try (LockFile.Held ignored = store.collecting()) {
            Set<Digest> live = mark();
            List<Digest> deleted = new ArrayList<>();
            long freed = 0;
            for (Digest blob : store.blobs().list()) {
                if (live.contains(blob)) {
                    continue;
                }
                Optional<Long> size = store.blobs().stat(blob);
                if (store.blobs().delete(blob)) {
                    deleted.add(blob);
                    freed += size.orElse(0L);
                }
            }
            return new Result(List.copyOf(deleted), freed, removeStaleTempFiles());
        }
    }

    /** The blobs that would survive a collection now. */
    public Set<Digest> mark() throws IOException {
        Set<Digest> live = new HashSet<>();
        Deque<Descriptor> todo = new ArrayDeque<>(store.layout().index().manifests());
        for (GcRoots roots : extraRoots) {
            todo.addAll(roots.roots());
        }
        while (!todo.isEmpty()) {
            Descriptor d = todo.pop();
            if (!live.add(d.digest())) {
                continue;
            }
            if (!(d.mediaType().isIndex() || d.mediaType().isManifest()) || !store.blobs().contains(d.digest())) {
                continue;
            }
            Manifest m = store.manifest(d);
            if (m instanceof ImageIndex index) {
                todo.addAll(index.manifests());
            } else if (m instanceof ImageManifest image) {
                todo.add(image.config());
                todo.addAll(image.layers());
                if (image.subject() != null) {
                    todo.add(image.subject());
                }
            }
        }
        return live;
    }

    /** Temporary files are named {@code <what>-<pid>-<random>.partial}; those of dead processes are garbage. */
    private int removeStaleTempFiles() throws IOException {
        if (!Files.isDirectory(tmpDir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmpDir, "*.partial")) {
            for (Path f : files) {
                long pid = writerPid(f.getFileName().toString());
                java.time.Instant written;
                try {
                    written = Files.getLastModifiedTime(f, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant();
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // its writer renamed it into place since the listing: not garbage
                }
                if (pid > 0 && writerAlive(pid, written)) {
                    continue;
                }
                if (Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Whether the process that wrote a temporary file still runs: present, not a zombie (a killed
     * process whose parent died may stay one for a while), and started before the file was last
     * written (else the pid was reused).
     */
    static boolean writerAlive(long pid, java.time.Instant written) {
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            if (afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z') {
                return false;
            }
        } catch (IOException e) {
            return false; // gone while we looked
        }
        return process.get().info().startInstant().map(start -> !start.isAfter(written)).orElse(true);
    }

    static long writerPid(String name) {
        String[] parts = name.split("-");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (!parts[i].isEmpty() && parts[i].chars().allMatch(Character::isDigit)) {
                try {
                    return Long.parseLong(parts[i]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
