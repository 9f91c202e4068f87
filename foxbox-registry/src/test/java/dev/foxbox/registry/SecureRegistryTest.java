package dev.foxbox.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.registry.auth.AuthFile;
import dev.foxbox.registry.auth.Credential;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.auth.DockerConfigCredentials;
import dev.foxbox.registry.auth.RegistryCredentials;
import dev.foxbox.registry.client.RetryPolicy;
import dev.foxbox.registry.config.RegistriesConfig;
import dev.foxbox.registry.testing.LocalRegistry;
import dev.foxbox.registry.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry behind TLS with a self-signed certificate and htpasswd basic auth: login, trust, credentials. */
class SecureRegistryTest {

    static final String USER = "fox";
    static final String PASSWORD = "C0rrect-Horse";

    @TempDir
    static Path shared;
    static LocalRegistry registry;
    static ImageReference ref;
    static TestImage image;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.startSecure(shared.resolve("registry"), USER, PASSWORD);
        image = TestImage.build(new Platform("linux", "amd64", null), TestImage.Compression.GZIP, 21, 20_000);
        registry.push(TestImage.layout(shared.resolve("layout"), "img", List.of(image)), "img", "secure/app:1");
        ref = ImageReference.parse(registry.host() + "/secure/app:1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    /** The registry trusted through ca-file, with certificate checks on. */
    RegistriesConfig trusting() throws Exception {
        return RegistriesConfig.parse("[[registry]]\nlocation = \"" + registry.host() + "\"\ninsecure = false\nca-file = \""
                + registry.certificate() + "\"\n", "registries.conf", List.of());
    }

    RegistrySettings settings(RegistriesConfig config, CredentialSource credentials) {
        return new RegistrySettings(config, credentials,
                new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(1)),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    ImagePuller puller(RegistrySettings settings) throws Exception {
        return new ImagePuller(LocalImages.open(new DataRoot(dir.resolve("root"))).store(), settings);
    }

    @Test
    void loginChecksTheCredentialThenPullsWithIt() throws Exception {
        AuthFile file = new AuthFile(dir.resolve("auth.json"));
        new RegistryLogin(settings(trusting(), CredentialSource.none())).login(registry.host(), Credential.of(USER, PASSWORD), file);
        assertTrue(Files.exists(file.path()));
        assertEquals(image.manifest().digest(),
                puller(settings(trusting(), file)).pull(ref, PullOptions.defaults()).manifestDigest());
        assertTrue(new RegistryLogin(settings(trusting(), CredentialSource.none())).logout(registry.host(), file));
        assertFalse(file.find(registry.host(), null).isPresent());
    }

    @Test
    void aWrongPasswordIsRefusedAndNeitherStoredNorShown() throws Exception {
        AuthFile file = new AuthFile(dir.resolve("auth.json"));
        String wrong = "wr0ng-Passw0rd";
        RegistryException e = assertThrows(RegistryException.class, () -> new RegistryLogin(settings(trusting(), CredentialSource.none()))
                .login(registry.host(), Credential.of(USER, wrong), file));
        assertTrue(e.getMessage().startsWith("log in to " + registry.host() + ": unauthorized"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(Files.exists(file.path()), "nothing stored");

        RegistryException pull = assertThrows(RegistryException.class, () -> puller(settings(trusting(),
                CredentialSource.only(registry.host(), Credential.of(USER, wrong)))).pull(ref, PullOptions.defaults()));
        assertTrue(pull.getMessage().contains("were refused"), pull.getMessage());
        assertFalse(pull.getMessage().contains(wrong));

        RegistryException anonymous = assertThrows(RegistryException.class,
                () -> puller(settings(trusting(), CredentialSource.none())).pull(ref, PullOptions.defaults()));
        assertTrue(anonymous.getMessage().endsWith("(log in with: foxbox login " + registry.host() + ")"), anonymous.getMessage());
    }

    @Test
    void anUntrustedCertificateFailsUnlessTheRegistryIsInsecure() throws Exception {
        CredentialSource credential = CredentialSource.only(registry.host(), Credential.of(USER, PASSWORD));
        RegistriesConfig strict = RegistriesConfig.parse("[[registry]]\nlocation = \"" + registry.host() + "\"\ninsecure = false\n",
                "registries.conf", List.of());
        RegistryException e = assertThrows(RegistryException.class,
                () -> puller(settings(strict, credential)).pull(ref, PullOptions.defaults()));
        assertTrue(e.getMessage().contains("TLS with " + registry.host() + " failed")
                && e.getMessage().endsWith("(trust its certificate with ca-file in registries.conf, or mark it insecure there)"),
                e.getMessage());
        // A loopback registry is insecure by default, as docker has it: TLS without verification.
        assertEquals(image.manifest().digest(), puller(settings(RegistriesConfig.defaults(), credential))
                .pull(ref, PullOptions.defaults()).manifestDigest());
    }

    @Test
    void pushesWithTheCredentialOverTrustedTlsInChunks() throws Exception {
        LocalImages images = LocalImages.open(new DataRoot(dir.resolve("root")));
        TestImage pushed = TestImage.build(new Platform("linux", "amd64", null), TestImage.Compression.GZIP, 22, 150_000);
        for (TestImage.Blob blob : pushed.blobs()) {
            images.store().blobs().put(blob.bytes());
        }
        images.store().tag(pushed.manifest().descriptor(), ImageReference.parse("app:2"));
        ImageReference target = ImageReference.parse(registry.host() + "/secure/pushed:2");
        CredentialSource credential = CredentialSource.only(registry.host(), Credential.of(USER, PASSWORD));

        RegistryException anonymous = assertThrows(RegistryException.class, () -> new ImagePusher(images.store(),
                settings(trusting(), CredentialSource.none())).push(images.get("app:2"), target, PushOptions.defaults()));
        assertTrue(anonymous.getMessage().endsWith("(log in with: foxbox login " + registry.host() + ")"), anonymous.getMessage());

        PushOptions chunked = PushOptions.defaults().withChunkSize(32 * 1024);
        assertEquals(pushed.manifest().digest(), new ImagePusher(images.store(), settings(trusting(), credential))
                .push(images.get("app:2"), target, chunked).digest());
        assertEquals(pushed.manifest().digest(), puller(settings(trusting(), credential)).pull(target, PullOptions.defaults())
                .manifestDigest());
        // A loopback registry is insecure by default: TLS without verification, for PATCH too.
        ImageReference again = ImageReference.parse(registry.host() + "/secure/again:1");
        assertEquals(pushed.manifest().digest(), new ImagePusher(images.store(), settings(RegistriesConfig.defaults(), credential))
                .push(images.get("app:2"), again, chunked).digest());
    }

    @Test
    void credentialsFromDockerConfigCredHelpersAndCredsStore() throws Exception {
        Assumptions.assumeTrue(System.getenv("PATH").contains("src/test/helpers"),
                "skipped: the test helper docker-credential-foxtest is not on PATH (surefire puts it there)");
        for (String json : List.of("{\"credHelpers\":{\"" + registry.host() + "\":\"foxtest\"}}", "{\"credsStore\":\"foxtest\"}")) {
            Path config = Files.createTempDirectory(dir, "docker").resolve("config.json");
            Files.writeString(config, json);
            RegistryCredentials credentials = new RegistryCredentials(List.of(new DockerConfigCredentials(config, w -> { })));
            Path root = Files.createTempDirectory(dir, "root");
            assertEquals(image.manifest().digest(), new ImagePuller(LocalImages.open(new DataRoot(root)).store(),
                    settings(trusting(), credentials)).pull(ref, PullOptions.defaults()).manifestDigest(), json);
        }
    }
}
