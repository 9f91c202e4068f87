package dev.foxbox.image.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.ImageConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {

    /** Trimmed from a real docker-built config: Docker's extra fields must be tolerated. */
    static final String DOCKER_CONFIG = """
            {"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"1000:1000","AttachStdin":false,
            "ExposedPorts":{"80/tcp":{},"443/tcp":{}},"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd":["nginx","-g","daemon off;"],"Entrypoint":null,"Image":"sha256:abc","Volumes":{"/data":{}},"WorkingDir":"/srv",
            "Labels":{"maintainer":"someone"},"StopSignal":"SIGQUIT","OnBuild":null,
            "Healthcheck":{"Test":["CMD-SHELL","curl -f localhost"],"Interval":30000000000,"Retries":3}},
            "container":"0123","created":"2023-10-12T10:12:55.123456789+02:00","docker_version":"24.0.6",
            "history":[{"created":"2023-10-12T08:12:00Z","created_by":"/bin/sh -c #(nop) ADD file:abc in / "},
            {"created":"2023-10-12T08:12:01Z","created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","empty_layer":true}],
            "os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}""".formatted("3".repeat(64));

    @Test
    void readsDockerConfig() throws Exception {
        ImageConfig c = ConfigJson.read(DOCKER_CONFIG.getBytes(StandardCharsets.UTF_8), "config");
        assertEquals(Instant.parse("2023-10-12T08:12:55.123456789Z"), c.created());
        assertEquals("1000:1000", c.config().user());
        assertEquals(List.of("nginx", "-g", "daemon off;"), c.config().cmd());
        assertNull(c.config().entrypoint());
        assertEquals(List.of("443/tcp", "80/tcp"), List.copyOf(c.config().exposedPorts()));
        assertEquals("/srv", c.config().workingDir());
        assertEquals("SIGQUIT", c.config().stopSignal());
        assertEquals(Duration.ofSeconds(30), c.config().healthcheck().interval());
        assertEquals(2, c.history().size());
        assertTrue(c.history().get(1).emptyLayer());
        assertEquals(1, c.rootfs().diffIds().size());
        assertEquals("linux/amd64", c.platform().toString());
    }

    @Test
    void roundTripsByteForByte() throws Exception {
        ImageConfig c = ConfigJson.read(DOCKER_CONFIG.getBytes(StandardCharsets.UTF_8), "config");
        byte[] once = ConfigJson.write(c);
        ImageConfig again = ConfigJson.read(once, "again");
        assertEquals(c, again);
        assertArrayEquals(once, ConfigJson.write(again));
    }

    @Test
    void emptyEntrypointIsKeptApartFromUnset() throws Exception {
        String json = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        ImageConfig c = ConfigJson.read(json.getBytes(StandardCharsets.UTF_8), "c");
        assertEquals(List.of(), c.config().entrypoint());
        assertTrue(new String(ConfigJson.write(c), StandardCharsets.UTF_8).contains("\"Entrypoint\":[]"));
    }

    @Test
    void refusesBadDiffIds() {
        String json = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:nope\"]}}";
        assertThrows(MalformedJsonException.class, () -> ConfigJson.read(json.getBytes(StandardCharsets.UTF_8), "c"));
    }
}
