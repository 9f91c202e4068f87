package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.store.GarbageCollector;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.StoredImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Whole-store consistency checks the concurrency and crash tests end with. */
final class StoreChecks {

    private StoreChecks() {}

    /** Every blob matches its digest; every index.json entry resolves to an image whose blobs are all there. */
    static void assertConsistent(Path root) throws Exception {
        LocalImages images = LocalImages.open(new DataRoot(root));
        for (Digest blob : images.store().blobs().list()) {
            try (InputStream in = images.store().blobs().open(blob)) {
                in.transferTo(OutputStream.nullOutputStream()); // the stream verifies the digest at its end
            }
        }
        ImageStore.Listing listing = images.list();
        assertTrue(listing.problems().isEmpty(), "unreadable index entries: " + listing.problems());
        assertEquals(images.store().layout().index().manifests().size(), listing.images().size());
        for (StoredImage image : listing.images()) {
            for (Descriptor layer : image.manifest().layers()) {
                assertTrue(images.store().blobs().contains(layer.digest()),
                        image.reference() + " lacks its layer " + layer.digest());
            }
        }
    }

    /** After a collection, the store holds exactly what the tags reach. */
    static void assertNothingUnreferenced(Path root) throws Exception {
        LocalImages images = LocalImages.open(new DataRoot(root));
        Set<Digest> live = new GarbageCollector(images.store(), new DataRoot(root).tmp(), List.of()).mark();
        Set<Digest> present = new HashSet<>(images.store().blobs().list());
        Set<Digest> unreferenced = new HashSet<>(present);
        unreferenced.removeAll(live);
        assertTrue(unreferenced.isEmpty(), "unreferenced blobs left: " + unreferenced);
    }
}
