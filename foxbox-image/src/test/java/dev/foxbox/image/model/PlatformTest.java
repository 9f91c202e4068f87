package dev.foxbox.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void parsesAndNormalizes() {
        assertEquals("linux/arm64", Platform.parse("linux/arm64/v8").toString());
        assertEquals("linux/amd64", Platform.parse("linux/x86_64").toString());
        assertEquals("linux/arm/v7", Platform.parse("linux/arm/v7").toString());
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux"));
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux/arm/v7/x"));
    }

    @Test
    void matchesVariantsAsContainerdDoes() {
        assertTrue(Platform.parse("linux/arm64/v8").matches(new Platform("linux", "arm64", null)));
        assertTrue(Platform.parse("linux/arm64").matches(new Platform("linux", "arm64", "v8")));
        assertFalse(Platform.parse("linux/arm/v7").matches(new Platform("linux", "arm", "v6")));
        assertFalse(Platform.parse("linux/amd64").matches(new Platform("linux", "arm64", null)));
        assertFalse(Platform.parse("linux/amd64").matches(new Platform("windows", "amd64", null)));
    }

    @Test
    void hostIsLinuxWithAGoArchitecture() {
        Platform host = Platform.host();
        assertEquals("linux", host.os());
        assertFalse(host.architecture().equals("x86_64") || host.architecture().equals("aarch64"));
    }
}
