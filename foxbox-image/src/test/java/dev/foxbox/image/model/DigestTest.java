package dev.foxbox.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DigestTest {

    @Test
    void hashesKnownContent() {
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Digest.sha256(new byte[0]).toString());
    }

    @Test
    void parsesSha256AndSha512() {
        Digest a = Digest.parse("sha256:" + "0".repeat(64));
        assertEquals(Digest.Algorithm.SHA256, a.algorithm());
        Digest b = Digest.parse("sha512:" + "f".repeat(128));
        assertEquals(Digest.Algorithm.SHA512, b.algorithm());
        assertEquals("000000000000", a.shortHex());
    }

    @Test
    void equalsComparesAlgorithmAndHex() {
        Digest a = Digest.parse("sha256:" + "0".repeat(64));
        assertEquals(a, Digest.parse("sha256:" + "0".repeat(64)));
        assertEquals(a.hashCode(), Digest.parse("sha256:" + "0".repeat(64)).hashCode());
        assertNotEquals(a, Digest.parse("sha256:" + "0".repeat(63) + "1"));
        assertNotEquals(Digest.parse("sha512:" + "0".repeat(128)), Digest.parse("sha256:" + "0".repeat(64)));
        assertNotEquals(a, a.toString());
    }

    /** Each of these would be dangerous in a path or URL, or is simply not a digest. */
    static java.util.stream.Stream<String> notDigests() {
        return java.util.stream.Stream.of("", "sha256", "sha256:", "sha256:../../etc/passwd", "sha256:A0",
                "md5:d41d8cd98f00b204e9800998ecf8427e", "sha256:abc", "sha256:/" + "0".repeat(63),
                "sha512:" + "0".repeat(64), "SHA256:" + "0".repeat(64), "sha256:" + "0".repeat(64) + "\n",
                "sha256:" + "0".repeat(63) + "/");
    }

    @ParameterizedTest
    @MethodSource("notDigests")
    void refusesAnythingThatIsNotAValidDigest(String text) {
        assertThrows(InvalidDigestException.class, () -> Digest.parse(text));
        assertFalse(Digest.isDigest(text));
    }

    @Test
    void uppercaseHexIsRefused() {
        assertThrows(InvalidDigestException.class, () -> Digest.parse("sha256:" + "A".repeat(64)));
        assertTrue(Digest.isDigest("sha256:" + "a".repeat(64)));
    }
}
