package dev.foxbox.image.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java SHA-256 against FIPS 180-4's examples and against the JDK's, at every padding edge. */
class Sha256Test {

    @Test
    void matchesTheStandardsExamples() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(""));
    }

    @Test
    void matchesMessageDigestForEveryLengthAroundTheBlockEdges() throws Exception {
        Random random = new Random(42);
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), Sha256.hash(data), "length " + length);
        }
        byte[] large = new byte[200_000];
        random.nextBytes(large);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(large), Sha256.hash(large));
    }

    @Test
    void digestsAboveTheSmallLimitGoThroughMessageDigestAndAgree() throws Exception {
        byte[] data = new byte[300 * 1024];
        new Random(7).nextBytes(data);
        assertEquals(Digest.of(Digest.Algorithm.SHA256, Sha256.hash(data)), Digest.sha256(data));
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(Sha256.hash(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
