package dev.foxbox.runtime.box;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import java.time.Instant;
import java.util.List;

/**
 * What foxbox remembers of a box, in {@code ROOT/boxes/<id>/box.json}: its names, the image it
 * was made from (so that the image is neither garbage-collected nor removed without -f while the
 * box exists), and how it was started.
 *
 * @param image    the image as the user named it
 * @param imageId  the image's id (its config digest)
 * @param manifest the image's manifest, a root for garbage collection
 * @param spec     what the box was asked to be: {@code start} plans it again from this
 */
public record BoxRecord(String id, String name, String image, Digest imageId, Descriptor manifest, Instant created,
                        List<String> command, String hostname, BoxSpec spec) {

    public BoxRecord {
        command = List.copyOf(command);
    }

    public BoxRecord withName(String newName) {
        return new BoxRecord(id, newName, image, imageId, manifest, created, command, hostname, spec);
    }
}

