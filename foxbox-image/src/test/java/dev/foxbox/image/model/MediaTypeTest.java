package dev.foxbox.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediaTypeTest {

    @Test
    void equalsComparesTheNormalizedType() {
        MediaType withParameters = MediaType.of("Application/VND.OCI.image.manifest.v1+json; charset=utf-8");
        assertEquals(MediaType.OCI_MANIFEST, withParameters);
        assertEquals(MediaType.OCI_MANIFEST.hashCode(), withParameters.hashCode());
        assertTrue(withParameters.isManifest());
        assertNotEquals(MediaType.OCI_INDEX, MediaType.OCI_MANIFEST);
        assertNotEquals(MediaType.OCI_MANIFEST, MediaType.OCI_MANIFEST.value());
    }
}
