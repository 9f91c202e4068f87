package dev.foxbox.runtime.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.DataRoot;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.model.Syntax;
import dev.foxbox.image.store.AtomicFiles;
import dev.foxbox.image.store.LockFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Volumes: directories under the data root ({@code ROOT/volumes/<name>/_data}) that outlive the
 * boxes that mount them. Named ones are made by {@code volume create} or on first use; anonymous
 * ones (64 hex digits) for an image's VOLUME entries, removed with their box by {@code rm -v}.
 */
public final class Volumes {

    /** A volume: its name, where its data is, when it was made, whether it is anonymous. */
    public record Volume(String name, Path data, Instant created, boolean anonymous) {}

    private final DataRoot root;

    public Volumes(DataRoot root) {
        this.root = root;
    }

    static boolean isName(String text) {
        return Syntax.isName(text) && text.length() <= 128;
    }

    Path dir(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("invalid volume name '" + name + "': letters, digits, '_', '.' and '-'");
        }
        return root.dir().resolve("volumes").resolve(name);
    }

    /**
     * Makes a volume, or returns the one of that name; {@code created} says whether this call
     * made it (a new volume is filled from the image, an old one never is).
     */
    public record Ensured(Volume volume, boolean created) {}

    public Ensured ensure(String name, boolean anonymous) throws IOException {
        Path dir = dir(name);
        try (LockFile.Held held = LockFile.at(root.locks().resolve("volume-" + name + ".lock")).exclusive()) {
            Volume existing = read(name);
            if (existing != null) {
                return new Ensured(existing, false);
            }
            Files.createDirectories(dir.resolve("_data"));
            Volume volume = new Volume(name, dir.resolve("_data"), Instant.now(), anonymous);
            ObjectNode o = Json.object().put("Name", name).put("Created", volume.created().toString()).put("Anonymous", anonymous);
            AtomicFiles.write(dir.resolve("volume.json"), Json.bytes(o), root.tmp());
            return new Ensured(volume, true);
        }
    }

    /** {@code volume create}: refuses a name that is taken. */
    public Volume create(String name) throws IOException {
        Ensured e = ensure(name, false);
        if (!e.created()) {
            throw new FileAlreadyExistsException(name, null, "volume " + name + " already exists");
        }
        return e.volume();
    }

    public Volume read(String name) throws IOException {
        try {
            JsonNode o = Json.parse(Files.readAllBytes(dir(name).resolve("volume.json")), "volume " + name);
            return new Volume(name, dir(name).resolve("_data"), Instant.parse(o.path("Created").asText()),
                    o.path("Anonymous").asBoolean());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    public Volume get(String name) throws IOException {
        Volume v = read(name);
        if (v == null) {
            throw new IllegalArgumentException("no such volume: " + name);
        }
        return v;
    }

    public List<Volume> list() throws IOException {
        List<Volume> out = new ArrayList<>();
        Path dir = root.dir().resolve("volumes");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var names = Files.list(dir)) {
            for (Path p : names.toList()) {
                String name = p.getFileName().toString();
                if (isName(name)) {
                    Volume v = read(name);
                    if (v != null) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    /** The boxes whose mounts name this volume. */
    static List<String> users(String name, List<BoxRecord> boxes) {
        List<String> out = new ArrayList<>();
        for (BoxRecord b : boxes) {
            for (BoxSpec.MountSpec m : b.spec().mounts()) {
                if (m.kind() == BoxSpec.MountSpec.Kind.VOLUME && name.equals(m.source())) {
                    out.add(b.name());
                }
            }
        }
        return out;
    }
}
