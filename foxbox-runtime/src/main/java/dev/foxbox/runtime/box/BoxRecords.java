package dev.foxbox.runtime.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.DataRoot;
import dev.foxbox.image.ImageUsers;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.json.MalformedJsonException;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.json.Timestamps;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.store.AtomicFiles;
import dev.foxbox.image.store.GcRoots;
import dev.foxbox.image.store.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The box records under {@code ROOT/boxes}: written atomically, read by whoever needs them. */
public final class BoxRecords {

    static final String FILE = "box.json";

    private final DataRoot root;

    public BoxRecords(DataRoot root) {
        this.root = root;
    }

    public void write(BoxRecord box) throws IOException {
        ObjectNode o = Json.object();
        o.put("Id", box.id());
        o.put("Name", box.name());
        o.put("Image", box.image());
        o.put("ImageId", box.imageId().toString());
        o.set("ImageManifest", OciJson.toJson(box.manifest()));
        o.put("Created", Timestamps.format(box.created()));
        o.set("Command", Json.stringArray(box.command()));
        o.put("Hostname", box.hostname());
        o.set("Spec", BoxSpecJson.toJson(box.spec()));
        AtomicFiles.write(root.boxes().resolve(box.id()).resolve(FILE), Json.bytes(o), root.tmp());
    }

    /** Every box with a readable record; half-made or broken ones are left out. */
    public List<BoxRecord> list() throws IOException {
        List<BoxRecord> out = new ArrayList<>();
        if (!Files.isDirectory(root.boxes())) {
            return out;
        }
        try (var dirs = Files.list(root.boxes())) {
            for (Path dir : dirs.toList()) {
                try {
                    out.add(read(Files.readAllBytes(dir.resolve(FILE)), dir.resolve(FILE).toString()));
                } catch (NoSuchFileException | MalformedJsonException e) {
                    // not a box (by-name/), or one that is being created or removed
                }
            }
        }
        return out;
    }

    static BoxRecord read(byte[] bytes, String what) throws MalformedJsonException {
        JsonNode o = Json.requireObject(Json.parse(bytes, what), what);
        try {
            return new BoxRecord(Json.requireText(o, "Id", what), Json.requireText(o, "Name", what),
                    Json.requireText(o, "Image", what), Digest.parse(Json.requireText(o, "ImageId", what)),
                    OciJson.descriptor(o.get("ImageManifest"), what + " ImageManifest"),
                    Timestamps.parse(Json.requireText(o, "Created", what)), Json.strings(o, "Command"),
                    Json.text(o, "Hostname"), BoxSpecJson.read(o.get("Spec"), what + " Spec"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new MalformedJsonException(what + ": " + e.getMessage());
        }
    }

    /** The images boxes were made from: garbage collection keeps them. */
    public GcRoots gcRoots() {
        return new GcRoots() {
            @Override
            public List<Descriptor> roots() throws IOException {
                List<Descriptor> out = new ArrayList<>();
                for (BoxRecord b : list()) {
                    out.add(b.manifest());
                }
                return out;
            }
        };
    }

    /** Boxes made from an image, by name: rmi refuses to remove it without -f. */
    public ImageUsers imageUsers() {
        return new ImageUsers() {
            @Override
            public List<String> usersOf(StoredImage image) throws IOException {
                List<String> out = new ArrayList<>();
                for (BoxRecord b : list()) {
                    if (b.manifest().digest().equals(image.manifestDigest())) {
                        out.add(b.name());
                    }
                }
                return out;
            }
        };
    }
}
