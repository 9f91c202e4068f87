package dev.foxbox.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker's config.json through jib-core's retriever: auths, credHelpers and credsStore. */
class DockerConfigCredentialsTest {

    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();

    DockerConfigCredentials read(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new DockerConfigCredentials(file, warnings::add);
    }

    @Test
    void authsByRegistryAndDockerHubsLegacyKey() throws Exception {
        String hub = Base64.getEncoder().encodeToString("hubuser:hubpass".getBytes());
        String local = Base64.getEncoder().encodeToString("fox:hunter2".getBytes());
        DockerConfigCredentials creds = read("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + hub + "\"},"
                + "\"localhost:5000\":{\"auth\":\"" + local + "\"}}}");
        assertEquals(Optional.of(Credential.of("hubuser", "hubpass")), creds.find("docker.io", "library/alpine"));
        assertEquals(Optional.of(Credential.of("fox", "hunter2")), creds.find("localhost:5000", "app"));
        assertEquals(Optional.empty(), creds.find("quay.io", "x"));
    }

    @Test
    void credHelpersAndCredsStoreRunTheHelper() throws Exception {
        Assumptions.assumeTrue(System.getenv("PATH").contains("src/test/helpers"),
                "skipped: the test helper docker-credential-foxtest is not on PATH (surefire puts it there)");
        DockerConfigCredentials helpers = read("{\"credHelpers\":{\"127.0.0.1:5000\":\"foxtest\"}}");
        assertEquals(Optional.of(Credential.of("fox", "C0rrect-Horse")), helpers.find("127.0.0.1:5000", "app"));
        DockerConfigCredentials store = read("{\"credsStore\":\"foxtest\"}");
        assertEquals(Optional.of(Credential.of("fox", "C0rrect-Horse")), store.find("127.0.0.1:6000", "app"));
    }

    @Test
    void aMissingHelperMeansAnonymousWithAWarning() throws Exception {
        DockerConfigCredentials creds = read("{\"credHelpers\":{\"r.example\":\"does-not-exist\"}}");
        assertEquals(Optional.empty(), creds.find("r.example", "app"));
        assertTrue(Files.exists(dir.resolve("config.json")));
        assertEquals(Optional.empty(), new DockerConfigCredentials(dir.resolve("none.json"), warnings::add).find("r.example", null));
    }

    @Test
    void locationFollowsDockerConfig() {
        assertEquals(Path.of("/d/config.json"), DockerConfigCredentials.configFile(Map.of("DOCKER_CONFIG", "/d")));
        assertEquals(Path.of("/home/fox/.docker/config.json"), DockerConfigCredentials.configFile(Map.of("HOME", "/home/fox")));
    }
}
