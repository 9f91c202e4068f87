package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.Platform;
import dev.foxbox.registry.testing.LocalRegistry;
import dev.foxbox.registry.testing.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foxbox pull}, {@code login} and {@code logout} end to end, against a real registry on loopback. */
class PullCommandTest {

    static final Platform AMD64 = new Platform("linux", "amd64", null);
    static final Platform ARM64 = new Platform("linux", "arm64", "v8");

    @TempDir
    static Path shared;
    static LocalRegistry registry;
    static TestImage alpine;
    static TestImage amd;
    static TestImage arm;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(shared.resolve("registry"));
        alpine = TestImage.build(AMD64, TestImage.Compression.GZIP, 51, 30_000, 10_000);
        registry.push(TestImage.layout(shared.resolve("alpine"), "img", List.of(alpine)), "img", "library/alpine:latest");
        amd = TestImage.build(AMD64, TestImage.Compression.GZIP, 52, 5000);
        arm = TestImage.build(ARM64, TestImage.Compression.ZSTD, 53, 5000);
        registry.push(TestImage.layout(shared.resolve("multi"), "img", List.of(amd, arm)), "img", "multi:1", "--all");
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    /** foxbox in its own JVM, with XDG_CONFIG_HOME (the registries file) and auth files of this test. */
    Foxbox.Result run(Foxbox foxbox, String stdin, String... args) throws Exception {
        ProcessBuilder pb = foxbox.process(args);
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.environment().put("REGISTRY_AUTH_FILE", dir.resolve("auth.json").toString());
        pb.environment().put("DOCKER_CONFIG", dir.resolve("docker").toString());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Foxbox.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    void registriesConf(String text) throws Exception {
        Files.createDirectories(dir.resolve("config/foxbox"));
        Files.writeString(dir.resolve("config/foxbox/registries.conf"), text);
    }

    @Test
    void pullAlpineFromDockerHubsMirror() throws Exception {
        registriesConf("[[registry]]\nlocation = \"docker.io\"\n[[registry.mirror]]\nlocation = \"" + registry.host() + "\"\n");
        Foxbox foxbox = new Foxbox(dir.resolve("root"));
        Foxbox.Result pulled = run(foxbox, "", "pull", "alpine").ok();
        List<String> lines = pulled.out().lines().toList();
        assertEquals("Pulling docker.io/library/alpine:latest (2 layers)", lines.get(0));
        assertTrue(lines.get(1).matches("[0-9a-f]{12}: pulled .* in .* s \\(.*/s\\)"), lines.get(1));
        assertEquals("Digest: " + alpine.manifest().digest(), lines.get(3));
        assertEquals("Status: Downloaded newer image for docker.io/library/alpine:latest", lines.get(4));
        assertEquals("docker.io/library/alpine:latest", lines.get(5));

        String images = foxbox.run("images").ok().out();
        assertTrue(images.contains("docker.io/library/alpine   latest   " + alpine.config().digest().shortHex()), images);
        Foxbox.Result again = run(foxbox, "", "pull", "-q", "alpine").ok();
        assertEquals("docker.io/library/alpine:latest\n", again.out());
        Foxbox.Result upToDate = run(foxbox, "", "pull", "alpine").ok();
        assertTrue(upToDate.out().contains("Status: Image is up to date for docker.io/library/alpine:latest"), upToDate.out());
        foxbox.run("image", "unpack", "alpine", dir.resolve("rootfs").toString()).ok();
        assertTrue(Files.exists(dir.resolve("rootfs/layer1.bin")));
        foxbox.run("rmi", "alpine").ok();
        StoreChecks.assertConsistent(foxbox.root());
    }

    @Test
    void aNonHostPlatformIsWhatEveryCommandSees() throws Exception {
        Foxbox foxbox = new Foxbox(dir.resolve("root"));
        String ref = registry.host() + "/multi:1";
        run(foxbox, "", "pull", "--platform", "linux/arm64/v8", ref).ok();
        String inspect = foxbox.run("image", "inspect", ref).ok().out();
        assertTrue(inspect.contains("\"Architecture\" : \"arm64\""), inspect);
        assertTrue(inspect.contains("\"Digest\" : \"" + TestImage.index(List.of(amd, arm)).digest() + "\""), inspect);
        assertTrue(foxbox.run("images", "--digests").ok().out().contains(TestImage.index(List.of(amd, arm)).digest().toString()));
        foxbox.run("image", "unpack", ref, dir.resolve("arm").toString()).ok();
        assertTrue(Files.exists(dir.resolve("arm/layer0.bin")));
        HostTools.require("skopeo");
        String skopeo = HostTools.runOk(null, "skopeo", "inspect", "oci:" + foxbox.root().resolve("store") + ":" + ref);
        assertTrue(skopeo.contains("\"Architecture\": \"arm64\""), skopeo);
        foxbox.run("rmi", ref).ok();
        foxbox.run("system", "prune", "-f").ok();
        StoreChecks.assertNothingUnreferenced(foxbox.root());

        Foxbox.Result none = run(foxbox, "", "pull", "--platform", "linux/s390x", ref);
        assertEquals(125, none.exitCode());
        assertEquals("foxbox: " + ref + " has no image for linux/s390x; it offers linux/amd64, linux/arm64/v8"
                + " (choose one with --platform)\n", none.err());
    }

    @Test
    void badInputGetsOneLine() throws Exception {
        Foxbox foxbox = new Foxbox(dir.resolve("root"));
        Foxbox.Result unknown = run(foxbox, "", "pull", registry.host() + "/nope");
        assertEquals(125, unknown.exitCode());
        assertEquals("foxbox: manifest unknown: " + registry.host() + "/nope:latest\n", unknown.err());
        Foxbox.Result badName = foxbox.run("pull", "Not/A/Name");
        assertEquals(125, badName.exitCode());
        assertTrue(badName.err().startsWith("foxbox: invalid reference format"), badName.err());
        Foxbox.Result badPlatform = foxbox.run("pull", "--platform", "linux", "alpine");
        assertTrue(badPlatform.err().startsWith("foxbox: invalid platform 'linux'"), badPlatform.err());
        Foxbox.Result badCount = foxbox.run("pull", "--max-concurrent-downloads", "0", "alpine");
        assertTrue(badCount.err().startsWith("foxbox: --max-concurrent-downloads must be at least 1"), badCount.err());
        registriesConf("[[registry]]\nlocation = \"docker.io\"\nmirror = \"x\"\n");
        Foxbox.Result badConf = run(foxbox, "", "pull", "alpine");
        assertEquals("foxbox: " + dir.resolve("config/foxbox/registries.conf") + ":3: unknown key 'mirror' in [[registry]]"
                + " (allowed: location, insecure, blocked, ca-file)\n", badConf.err());
    }

    @Test
    void loginWithPasswordStdinThenLogout() throws Exception {
        String password = "Sup3r-Secret-Pw";
        try (LocalRegistry secure = LocalRegistry.startSecure(dir.resolve("secure"), "fox", password)) {
            secure.push(TestImage.layout(dir.resolve("layout"), "img", List.of(amd)), "img", "private/app:1");
            registriesConf("[[registry]]\nlocation = \"" + secure.host() + "\"\ninsecure = false\nca-file = \""
                    + secure.certificate() + "\"\n");
            Foxbox foxbox = new Foxbox(dir.resolve("root"));
            String ref = secure.host() + "/private/app:1";

            Foxbox.Result anonymous = run(foxbox, "", "pull", ref);
            assertEquals(125, anonymous.exitCode());
            assertTrue(anonymous.err().endsWith("(log in with: foxbox login " + secure.host() + ")\n"), anonymous.err());

            Foxbox.Result wrong = run(foxbox, "nope-" + password + "\n", "login", "-u", "fox", "--password-stdin", secure.host());
            assertEquals(125, wrong.exitCode());
            assertTrue(wrong.err().startsWith("foxbox: log in to " + secure.host() + ": unauthorized"), wrong.err());
            assertFalse((wrong.out() + wrong.err()).contains(password), "the password must not be shown");
            assertFalse(Files.exists(dir.resolve("auth.json")));

            Foxbox.Result login = run(foxbox, password + "\n", "login", "-u", "fox", "--password-stdin", secure.host()).ok();
            assertEquals("Login Succeeded\n", login.out());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("auth.json"))));
            assertFalse((login.out() + login.err()).contains(password));
            run(foxbox, "", "pull", "-q", ref).ok();

            assertEquals("Removed login credentials for " + secure.host() + "\n", run(foxbox, "", "logout", secure.host()).ok().out());
            Foxbox.Result again = run(foxbox, "", "logout", secure.host());
            assertEquals(125, again.exitCode());
            assertTrue(again.err().startsWith("foxbox: not logged in to " + secure.host()), again.err());
        }
    }

    @Test
    void credentialsFromDockerConfigAuths() throws Exception {
        try (LocalRegistry secure = LocalRegistry.startSecure(dir.resolve("secure"), "fox", "pw-123")) {
            secure.push(TestImage.layout(dir.resolve("layout"), "img", List.of(amd)), "img", "private/app:1");
            Files.createDirectories(dir.resolve("docker"));
            String auth = java.util.Base64.getEncoder().encodeToString("fox:pw-123".getBytes(StandardCharsets.UTF_8));
            Files.writeString(dir.resolve("docker/config.json"), "{\"auths\":{\"" + secure.host() + "\":{\"auth\":\"" + auth + "\"}}}");
            Foxbox foxbox = new Foxbox(dir.resolve("root"));
            Foxbox.Result pulled = run(foxbox, "", "pull", "-q", secure.host() + "/private/app:1").ok();
            assertEquals(secure.host() + "/private/app:1\n", pulled.out());
        }
    }
}
