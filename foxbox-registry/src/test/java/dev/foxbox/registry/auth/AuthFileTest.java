package dev.foxbox.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthFileTest {

    @TempDir
    Path dir;

    @Test
    void storesWithMode0600KeepingOtherFields() throws Exception {
        Path path = dir.resolve("containers/auth.json");
        Files.createDirectories(path.getParent());
        Files.writeString(path, "{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"}},\"credHelpers\":{\"gcr.io\":\"gcloud\"}}");
        AuthFile file = new AuthFile(path);
        file.store("localhost:5000", Credential.of("fox", "pa:ss"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals(Optional.of(Credential.of("fox", "pa:ss")), file.find("localhost:5000", "app"));
        assertEquals(Optional.of(Credential.of("u", "p")), file.find("quay.io", null));
        assertTrue(Files.readString(path).contains("\"gcr.io\" : \"gcloud\""), Files.readString(path));
        assertTrue(file.remove("localhost:5000"));
        assertFalse(file.remove("localhost:5000"));
        assertEquals(Optional.empty(), file.find("localhost:5000", "app"));
        assertEquals(1, file.removeAll());
    }

    @Test
    void dockerHubByAnyNameAndNamespacedKeys() throws Exception {
        Path path = dir.resolve("auth.json");
        String hub = java.util.Base64.getEncoder().encodeToString("hubuser:hubpass".getBytes());
        String team = java.util.Base64.getEncoder().encodeToString("team:secret".getBytes());
        Files.writeString(path, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + hub + "\"},"
                + "\"r.example/team\":{\"auth\":\"" + team + "\"},\"r.example\":{\"auth\":\"" + hub + "\"}}}");
        AuthFile file = new AuthFile(path);
        assertEquals("hubuser", file.find("docker.io", "library/alpine").orElseThrow().username());
        assertEquals("team", file.find("r.example", "team/app").orElseThrow().username());
        assertEquals("hubuser", file.find("r.example", "other/app").orElseThrow().username());
        file.store("docker.io", Credential.of("new", "one"));
        assertFalse(Files.readString(path).contains("index.docker.io"), "docker.io's other keys are replaced");
        assertEquals("new", file.find("docker.io", null).orElseThrow().username());
    }

    @Test
    void loginFileFollowsPodman() {
        assertEquals(Path.of("/x/auth.json"), AuthFile.forLogin(Map.of("REGISTRY_AUTH_FILE", "/x/auth.json")).path());
        assertEquals(dir.resolve("containers/auth.json"), AuthFile.forLogin(Map.of("XDG_RUNTIME_DIR", dir.toString())).path());
        assertEquals(Path.of("/home/fox/.config/containers/auth.json"), AuthFile.forLogin(Map.of("HOME", "/home/fox")).path());
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertFalse(Credential.of("fox", "hunter2").toString().contains("hunter2"));
        assertFalse(Credential.identityToken("xyzzy-42").toString().contains("xyzzy"));
    }
}
