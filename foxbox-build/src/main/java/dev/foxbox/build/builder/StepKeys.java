package dev.foxbox.build.builder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Build cache keys: a step's key hashes its parent's key with everything the step's result
 * depends on, so a change anywhere changes the keys of every step after it.
 */
final class StepKeys {

    private StepKeys() {}

    static String of(String parent, String... parts) {
        MessageDigest sha = sha256();
        sha.update(parent.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            sha.update((byte) 0);
            sha.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
