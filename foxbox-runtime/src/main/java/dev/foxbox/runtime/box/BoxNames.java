package dev.foxbox.runtime.box;

import dev.foxbox.image.model.Syntax;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Box ids (64 hex digits) and names: given ones checked, missing ones made up, docker-style. */
final class BoxNames {

    private static final List<String> ADJECTIVES = List.of("agile", "bold", "brave", "bright", "calm", "clever",
            "curious", "deft", "eager", "fleet", "gentle", "happy", "keen", "lively", "lucky", "nimble", "quick",
            "quiet", "russet", "sly", "snowy", "swift", "tawny", "wily", "witty");
    private static final List<String> FOXES = List.of("arctic", "bengal", "blanford", "cape", "corsac", "culpeo",
            "darwin", "fennec", "gray", "hoary", "island", "kit", "pale", "pampas", "red", "ruppell", "sechura",
            "swift", "tibetan");
    /** For made-up names, which need not be unpredictable; ids are. */
    private static final Random RANDOM = new Random();

    private BoxNames() {}

    /**
     * 32 random bytes from the kernel's generator, in hex. Read from /dev/urandom directly, as
     * SecureRandom would on Linux, without first setting up the JDK's security providers (some
     * milliseconds of every box start).
     */
    static String newId() {
        byte[] bytes = new byte[32];
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                throw new IOException("short read");
            }
        } catch (IOException e) {
            new SecureRandom().nextBytes(bytes);
        }
        return HexFormat.of().formatHex(bytes);
    }

    /** A made-up name; after a few taken ones, a number makes it unique among many boxes. */
    static String generate(int attempt) {
        String name = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_" + FOXES.get(RANDOM.nextInt(FOXES.size()));
        return attempt < 3 ? name : name + "_" + (RANDOM.nextInt(9000) + 1000);
    }

    static String check(String name) {
        if (!Syntax.isName(name) || name.length() > 128) {
            throw new IllegalArgumentException("invalid box name '" + name + "': use letters, digits, '_', '.' and '-',"
                    + " starting with a letter or digit");
        }
        return name;
    }
}
