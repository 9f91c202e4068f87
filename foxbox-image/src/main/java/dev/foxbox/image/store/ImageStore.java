package dev.foxbox.image.store;

import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.InvalidReferenceException;
import dev.foxbox.image.model.Manifest;
import dev.foxbox.image.model.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The local image store: an OCI image layout whose {@code index.json} says which images exist
 * and what they are called. Tags are {@code org.opencontainers.image.ref.name} annotations
 * holding the full normalized reference ({@code docker.io/library/alpine:latest}); names other
 * tools wrote ({@code alpine}, say) are normalized when read.
 *
 * <p>Call order: writers of new blobs hold {@link #writing()} from their first blob until the
 * blobs are reachable from index.json (or abandoned), so that garbage collection, which holds
 * the same lock exclusively, never deletes content that is about to be tagged.
 */
public final class ImageStore {

    /** The largest manifest or config foxbox reads from the store. */
    public static final int MAX_METADATA_BYTES = OciJson.MAX_MANIFEST_BYTES;

    private final ImageLayout layout;
    private final LockFile gcLock;

    public ImageStore(ImageLayout layout, Path lockDir) {
        this.layout = layout;
        this.gcLock = LockFile.at(lockDir.resolve("gc.lock"));
    }

    public ImageLayout layout() {
        return layout;
    }

    public DirContentStore blobs() {
        return layout.blobs();
    }

    /** Held while adding blobs that are not yet reachable from the index; see the class comment. */
    public LockFile.Held writing() throws IOException {
        return gcLock.shared();
    }

    /** Held while collecting garbage: no writer is between writing blobs and tagging them. */
    LockFile.Held collecting() throws IOException {
        return gcLock.exclusive();
    }

    /** Every image in index.json, resolved for {@code platform}; entries that cannot be read are reported. */
    public Listing list(Platform platform) throws IOException {
        List<StoredImage> images = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Descriptor entry : layout.index().manifests()) {
            try {
                images.add(resolveEntry(entry, platform));
            } catch (IOException | ImageNotFoundException e) {
                problems.add("index.json entry " + describe(entry) + ": " + e.getMessage());
            }
        }
        return new Listing(List.copyOf(images), List.copyOf(problems));
    }

    /** The images, and what was wrong with entries that could not be read. */
    public record Listing(List<StoredImage> images, List<String> problems) {}

    /**
     * Finds an image by name ({@code alpine}, {@code localhost:5000/app:1}, {@code app@sha256:…})
     * or by a unique prefix of its id, as docker does: a name is tried first.
     */
    public StoredImage find(String nameOrId, Platform platform) throws IOException {
        ImageReference wanted = null;
        try {
            wanted = ImageReference.parse(nameOrId);
        } catch (InvalidReferenceException e) {
            if (!looksLikeId(nameOrId)) {
                throw e;
            }
        }
        ImageIndex index = layout.index();
        if (wanted != null) {
            for (Descriptor entry : index.manifests()) {
                if (matches(entry, wanted)) {
                    return resolveEntry(entry, platform);
                }
            }
        }
        if (looksLikeId(nameOrId)) {
            String prefix = nameOrId.startsWith("sha256:") ? nameOrId.substring(7) : nameOrId;
            List<StoredImage> found = new ArrayList<>();
            for (StoredImage image : list(platform).images()) {
                if (image.id().hex().startsWith(prefix) && found.stream().noneMatch(f -> f.id().equals(image.id()))) {
                    found.add(image);
                }
            }
            if (found.size() > 1) {
                throw new ImageNotFoundException("image id prefix '" + nameOrId + "' is ambiguous: it matches "
                        + found.size() + " images");
            }
            if (found.size() == 1) {
                return found.get(0);
            }
        }
        throw new ImageNotFoundException("no such image: " + (wanted != null ? wanted : nameOrId));
    }

    /** Every tag whose image has the given id. */
    public List<StoredImage> withId(Digest id, Platform platform) throws IOException {
        return list(platform).images().stream().filter(i -> i.id().equals(id)).toList();
    }

    /**
     * Points {@code reference} at {@code manifest} (an image manifest or an index whose blobs are
     * in the store), replacing whatever it named before.
     */
    public void tag(Descriptor manifest, ImageReference reference) throws IOException {
        if (!blobs().contains(manifest.digest())) {
            throw new BlobNotFoundException(manifest.digest());
        }
        String name = reference.toString();
        Descriptor entry = manifest.withRefName(name);
        layout.updateIndex(index -> {
            List<Descriptor> kept = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
                if (!matchesExactly(d, reference)) {
                    kept.add(d);
                }
            }
            kept.add(entry);
            return index.withManifests(kept);
        });
    }

    /** Adds an untagged entry for {@code manifest}, unless an entry (tagged or not) already points at it. */
    public void addUntagged(Descriptor manifest) throws IOException {
        if (!blobs().contains(manifest.digest())) {
            throw new BlobNotFoundException(manifest.digest());
        }
        layout.updateIndex(index -> {
            if (index.manifests().stream().anyMatch(d -> d.digest().equals(manifest.digest()))) {
                return index;
            }
            List<Descriptor> all = new ArrayList<>(index.manifests());
            all.add(manifest.withRefName(null));
            return index.withManifests(all);
        });
    }

    /** Removes a tag; returns false if there was none. The blobs stay until garbage collection. */
    public boolean untag(ImageReference reference) throws IOException {
        boolean[] removed = {false};
        layout.updateIndex(index -> {
            List<Descriptor> kept = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
                if (matchesExactly(d, reference)) {
                    removed[0] = true;
                } else {
                    kept.add(d);
                }
            }
            return index.withManifests(kept);
        });
        return removed[0];
    }

    /** Removes every entry whose descriptor points at {@code digest}, tagged or not. */
    public int removeEntries(Digest digest) throws IOException {
        int[] removed = {0};
        layout.updateIndex(index -> {
            List<Descriptor> kept = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
                if (d.digest().equals(digest)) {
                    removed[0]++;
                } else {
                    kept.add(d);
                }
            }
            return index.withManifests(kept);
        });
        return removed[0];
    }

    /** Reads a manifest or index blob. */
    public Manifest manifest(Descriptor descriptor) throws IOException {
        byte[] bytes = blobs().read(descriptor.digest(), MAX_METADATA_BYTES);
        return OciJson.readManifest(bytes, descriptor.mediaType(), "manifest " + descriptor.digest());
    }

    public ImageConfig config(ImageManifest manifest) throws IOException {
        Digest digest = manifest.config().digest();
        return ConfigJson.read(blobs().read(digest, MAX_METADATA_BYTES), "config " + digest);
    }

    /** Follows an entry (through an index when it is one) to the image for {@code platform}. */
    public StoredImage resolveEntry(Descriptor entry, Platform platform) throws IOException {
        ImageReference reference = parseRefName(entry.refName());
        Descriptor target = entry;
        Manifest manifest = manifest(entry);
        for (int depth = 0; manifest instanceof ImageIndex index; depth++) {
            if (depth > 4) {
                throw new ImageNotFoundException("image " + describe(entry) + ": indexes nested too deeply");
            }
            Optional<Descriptor> pick = index.manifestFor(platform);
            if (pick.isEmpty()) {
                pick = index.manifests().stream().filter(d -> d.mediaType().isIndex()).findFirst();
            }
            if (pick.isEmpty()) {
                throw new ImageNotFoundException("image " + describe(entry) + " has no manifest for " + platform
                        + "; it offers " + index.platforms().stream().map(Platform::toString).toList());
            }
            target = pick.get();
            manifest = manifest(target);
        }
        ImageManifest image = (ImageManifest) manifest;
        return new StoredImage(reference, entry, target, image, config(image));
    }

    private static boolean looksLikeId(String s) {
        String hex = s.startsWith("sha256:") ? s.substring(7) : s;
        return !hex.isEmpty() && hex.length() <= 64 && hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** The entry's name, normalized; null for untagged entries or names that are not references. */
    static ImageReference parseRefName(String refName) {
        if (refName == null || refName.isEmpty()) {
            return null;
        }
        try {
            return ImageReference.parse(refName);
        } catch (InvalidReferenceException e) {
            return null;
        }
    }

    /** Whether an index entry answers to {@code wanted}: same name, and same tag or digest. */
    private static boolean matches(Descriptor entry, ImageReference wanted) {
        ImageReference have = parseRefName(entry.refName());
        if (have == null || !have.name().equals(wanted.name())) {
            return false;
        }
        if (wanted.digest() != null) {
            return wanted.digest().equals(entry.digest()) || wanted.digest().equals(have.digest());
        }
        return Objects.equals(wanted.tag(), have.tag());
    }

    private static boolean matchesExactly(Descriptor entry, ImageReference reference) {
        ImageReference have = parseRefName(entry.refName());
        return have != null && have.equals(reference);
    }

    private static String describe(Descriptor entry) {
        return entry.refName() != null ? entry.refName() : entry.digest().toString();
    }
}
