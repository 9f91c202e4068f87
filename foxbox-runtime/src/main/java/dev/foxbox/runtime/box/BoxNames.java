package dev.foxbox.runtime.box;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** Box ids (64 hex digits) and names: given ones checked, missing ones made up, docker-style. */
final class BoxNames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final List<String> ADJECTIVES = List.of("agile", "bold", "brave", "bright", "calm", "clever",
            "curious", "deft", "eager", "fleet", "gentle", "happy", "keen", "lively", "lucky", "nimble", "quick",
            "quiet", "russet", "sly", "snowy", "swift", "tawny", "wily", "witty");
    private static final List<String> FOXES = List.of("arctic", "bengal", "blanford", "cape", "corsac", "culpeo",
            "darwin", "fennec", "gray", "hoary", "island", "kit", "pale", "pampas", "red", "ruppell", "sechura",
            "swift", "tibetan");
    private static final Random RANDOM = new SecureRandom();

    private BoxNames() {}

    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A made-up name; after a few taken ones, a number makes it unique among many boxes. */
    static String generate(int attempt) {
        String name = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_" + FOXES.get(RANDOM.nextInt(FOXES.size()));
        return attempt < 3 ? name : name + "_" + (RANDOM.nextInt(9000) + 1000);
    }

    static String check(String name) {
        if (!VALID.matcher(name).matches() || name.length() > 128) {
            throw new IllegalArgumentException("invalid box name '" + name + "': use letters, digits, '_', '.' and '-',"
                    + " starting with a letter or digit");
        }
        return name;
    }
}
