package dev.foxbox.registry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistriesConfigTest {

    static final String EXAMPLE = """
            # where short names are looked for
            unqualified-search-registries = ["registry.example", 'docker.io']   # in order

            [[registry]]
            location = "docker.io"
            [[registry.mirror]]
            location = "127.0.0.1:5000"
            [[registry.mirror]]
            location = "mirror.example/dockerhub"
            insecure = true

            [[registry]]
            location = "registry.internal:5000"
            insecure = true

            [[registry]]
            location = "secure.example"
            ca-file = "/etc/pki/ca.pem"
            [[registry]]
            location = "bad.example"
            blocked = true
            """;

    @TempDir
    Path dir;

    RegistriesConfig parse(String text) throws ConfigException {
        return RegistriesConfig.parse(text, "registries.conf", List.of());
    }

    @Test
    void readsTheDocumentedFormat() throws Exception {
        RegistriesConfig config = parse(EXAMPLE);
        assertEquals(List.of("registry.example", "docker.io"), config.shortNameRegistries());
        List<RegistryLocation> hub = config.locations("docker.io");
        assertEquals(3, hub.size());
        assertEquals(new RegistryLocation("127.0.0.1:5000", "127.0.0.1:5000", "", true, List.of()), hub.get(0));
        assertEquals(new RegistryLocation("mirror.example", "mirror.example", "dockerhub", true, List.of()), hub.get(1));
        assertEquals("dockerhub/library/alpine", hub.get(1).repository("library/alpine"));
        assertEquals(new RegistryLocation("docker.io", "registry-1.docker.io", "", false, List.of()), hub.get(2));
        assertTrue(config.origin("registry.internal:5000").insecure());
        assertEquals(List.of(Path.of("/etc/pki/ca.pem")), config.origin("secure.example").caFiles());
        assertFalse(config.origin("secure.example").insecure());
        assertTrue(config.blocked("bad.example"));
        assertFalse(config.blocked("docker.io"));
    }

    @Test
    void loopbackRegistriesMayUsePlainHttpUnlessTheFileSaysNo() throws Exception {
        RegistriesConfig defaults = RegistriesConfig.defaults();
        for (String host : List.of("localhost:5000", "127.0.0.1:5000", "127.1.2.3", "[::1]:5000")) {
            assertTrue(defaults.origin(host).insecure(), host);
        }
        assertFalse(defaults.origin("registry.example:5000").insecure());
        assertFalse(defaults.origin("127.0.0.1.example.com").insecure());
        RegistriesConfig strict = parse("[[registry]]\nlocation = \"localhost:5000\"\ninsecure = false\n");
        assertFalse(strict.origin("localhost:5000").insecure());
        assertEquals(List.of(ImageReference.DOCKER_HUB), defaults.shortNameRegistries());
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertError("[[registry]]\nlocation = \"docker.io\"\nmirrors = true\n",
                "registries.conf:3: unknown key 'mirrors' in [[registry]] (allowed: location, insecure, blocked, ca-file)");
        assertError("[[registry]]\nlocation = \"https://docker.io\"\n",
                "registries.conf:1: location 'https://docker.io' must be host[:port] without a scheme (set insecure = true for plain http)");
        assertError("[[registry.mirror]]\nlocation = \"a\"\n", "registries.conf:1: [[registry.mirror]] must follow a [[registry]]");
        assertError("[[registry]]\ninsecure = yes\n",
                "registries.conf:2: a value must be a \"string\", true, false or [\"an\", \"array\"]");
        assertError("[[registry]]\ninsecure = true\n", "registries.conf:1: [[registry]] has no location");
        assertError("\n\nlocation = \"x\n", "registries.conf:3: a string is not closed");
        assertError("[registry]\n", "registries.conf:1: only [[array]] tables are used in this file");
        assertError("[[registry]]\nlocation = \"a b\"\n", "registries.conf:1: invalid location 'a b' (expected host[:port])");
        assertError("unqualified-search-registries = [\"ok\",\n  \"no way\"]\n",
                "registries.conf:1: invalid registry 'no way' in unqualified-search-registries");
    }

    void assertError(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void loadsFromTheXdgConfigDirectoryAndReadsCertsD() throws Exception {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.toString(), "HOME", "/nonexistent");
        assertEquals(dir.resolve("foxbox/registries.conf"), RegistriesConfig.location(env));
        assertEquals("defaults", RegistriesConfig.load(env).source());
        Files.createDirectories(dir.resolve("foxbox"));
        Files.writeString(dir.resolve("foxbox/registries.conf"), "[[registry]]\nlocation = \"r.example:5000\"\ninsecure = true\n");
        Path certs = Files.createDirectories(dir.resolve("containers/certs.d/r.example:5000"));
        Files.writeString(certs.resolve("ca.crt"), "not read here");
        RegistriesConfig config = RegistriesConfig.load(env);
        assertTrue(config.origin("r.example:5000").insecure());
        assertEquals(List.of(certs.resolve("ca.crt")), config.origin("r.example:5000").caFiles());
        assertEquals(List.of(), config.origin("other.example").caFiles());
    }

    @Test
    void shortNamesFollowTheSearchList() throws Exception {
        RegistriesConfig config = parse(EXAMPLE);
        assertEquals(List.of(ImageReference.parse("registry.example/alpine"), ImageReference.parse("docker.io/library/alpine")),
                ShortNames.candidates("alpine", config));
        assertEquals(List.of(ImageReference.parse("localhost:5000/app:1")), ShortNames.candidates("localhost:5000/app:1", config));
        assertEquals(List.of(ImageReference.parse("docker.io/library/alpine")),
                ShortNames.candidates("alpine", RegistriesConfig.defaults()));
        assertTrue(ShortNames.isQualified("quay.io/a/b"));
        assertFalse(ShortNames.isQualified("bitnami/nginx:1"));
        assertFalse(ShortNames.isQualified("alpine@sha256:" + "a".repeat(64)));
    }
}
