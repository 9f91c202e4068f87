package dev.foxbox.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    private static final String D = "sha256:" + "ab".repeat(32);

    @Test
    void equalsComparesTheNormalizedParts() {
        ImageReference alpine = ImageReference.parse("alpine");
        assertEquals(ImageReference.parse("docker.io/library/alpine:latest"), alpine);
        assertEquals(ImageReference.parse("docker.io/library/alpine:latest").hashCode(), alpine.hashCode());
        assertNotEquals(ImageReference.parse("alpine:3"), alpine);
        assertNotEquals(ImageReference.parse("quay.io/library/alpine"), alpine);
        assertNotEquals(ImageReference.parse("library/alpin"), alpine);
        assertNotEquals(ImageReference.parse("alpine@" + D), ImageReference.parse("alpine:latest@" + D));
        assertEquals(ImageReference.parse("alpine@" + D), ImageReference.parse("docker.io/library/alpine@" + D));
        assertNotEquals(ImageReference.parse("alpine:latest@" + D), alpine);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "alpine,                              docker.io/library/alpine:latest",
            "alpine:3.18,                         docker.io/library/alpine:3.18",
            "library/alpine,                      docker.io/library/alpine:latest",
            "docker.io/alpine,                    docker.io/library/alpine:latest",
            "index.docker.io/library/alpine:edge, docker.io/library/alpine:edge",
            "user/app,                            docker.io/user/app:latest",
            "user/app/sub:v1,                     docker.io/user/app/sub:v1",
            "localhost/app,                       localhost/app:latest",
            "localhost:5000/a/b,                  localhost:5000/a/b:latest",
            "127.0.0.1:5000/app:1.0,              127.0.0.1:5000/app:1.0",
            "quay.io/podman/hello,                quay.io/podman/hello:latest",
            "[::1]:5000/app,                      [::1]:5000/app:latest",
            "Registry.Example/app,                Registry.Example/app:latest",
            "a__b/c.d-e--f,                       docker.io/a__b/c.d-e--f:latest",
            "alpine-minirootfs-3.18.4-x86_64,     docker.io/library/alpine-minirootfs-3.18.4-x86_64:latest",
    })
    void normalizesAsDockerDoes(String input, String expected) {
        assertEquals(expected, ImageReference.parse(input).toString());
    }

    @Test
    void digestOnlyReferenceHasNoTag() {
        ImageReference r = ImageReference.parse("localhost:5000/a/b@" + D);
        assertEquals("localhost:5000", r.registry());
        assertEquals("a/b", r.repository());
        assertNull(r.tag());
        assertEquals(D, r.digest().toString());
        assertEquals("localhost:5000/a/b@" + D, r.toString());
    }

    @Test
    void tagAndDigestAreBothKept() {
        ImageReference r = ImageReference.parse("alpine:3.18@" + D);
        assertEquals("3.18", r.tag());
        assertEquals(D, r.digest().toString());
        assertEquals("docker.io/library/alpine:3.18@" + D, r.toString());
    }

    @Test
    void familiarFormShortensDockerHubOnly() {
        assertEquals("alpine:latest", ImageReference.parse("alpine").familiar());
        assertEquals("user/app:latest", ImageReference.parse("user/app").familiar());
        assertEquals("localhost:5000/app:latest", ImageReference.parse("localhost:5000/app").familiar());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alpine", "alpine:", ":tag", "alpine:-tag", "a/B", "a//b", "a/", "-a", "a-",
            "a..b", "localhost:port/app", "alpine@sha256:1234", "alpine@md5:" + "ab", "host:5000:tag/app",
            "exa mple", "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"})
    void refusesInvalidNamesSayingWhy(String input) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(input));
        assertTrue(e.getMessage().startsWith("invalid reference format"), e.getMessage());
    }

    @Test
    void uppercaseRepositoryIsRefusedWithReason() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ImageReference.parse("App"));
        assertTrue(e.getMessage().contains("lowercase"), e.getMessage());
    }

    @Test
    void tagLongerThan128IsRefused() {
        assertThrows(InvalidReferenceException.class, () -> ImageReference.parse("a:" + "t".repeat(129)));
        assertEquals("t".repeat(128), ImageReference.parse("a:" + "t".repeat(128)).tag());
    }

    @Test
    void withTagKeepsTheName() {
        assertEquals("docker.io/library/alpine:edge", ImageReference.parse("alpine:3").withTag("edge").toString());
    }
}
