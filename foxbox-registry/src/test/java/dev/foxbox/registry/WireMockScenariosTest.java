package dev.foxbox.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.auth.Credential;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.client.RetryPolicy;
import dev.foxbox.registry.config.RegistriesConfig;
import dev.foxbox.registry.testing.RangeTransformer;
import dev.foxbox.registry.testing.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry behaviour a local registry cannot show: token servers, redirects, throttling, faults, hostile answers. */
class WireMockScenariosTest {

    static final Platform AMD64 = new Platform("linux", "amd64", null);
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @TempDir
    Path dir;
    WireMockServer registry;
    WireMockServer storage;
    LocalImages images;
    TestImage image;
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        registry = new WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().extensions(new RangeTransformer()));
        registry.start();
        storage = new WireMockServer(com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        storage.start();
        images = LocalImages.open(new DataRoot(dir.resolve("root")));
        image = TestImage.build(AMD64, TestImage.Compression.GZIP, 11, 60_000, 1000);
    }

    @AfterEach
    void stop() {
        registry.stop();
        storage.stop();
    }

    String host() {
        return "127.0.0.1:" + registry.port();
    }

    ImageReference ref() {
        return ImageReference.parse(host() + "/library/alpine:latest");
    }

    ImagePuller puller(CredentialSource credentials) {
        return puller(credentials, Duration.ofSeconds(10));
    }

    ImagePuller puller(CredentialSource credentials, Duration readTimeout) {
        return new ImagePuller(images.store(), new RegistrySettings(RegistriesConfig.defaults(), credentials,
                new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)),
                Duration.ofSeconds(5), readTimeout));
    }

    PullOptions pullOptions() {
        return PullOptions.defaults().withProgress(new PullProgress() {
            @Override
            public void note(String line) {
                notes.add(line);
            }
        });
    }

    /** Serves the test image's manifest and blobs; {@code auth} is the Authorization they need, or null. */
    void serveImage(String auth) {
        serve(get(urlEqualTo("/v2/library/alpine/manifests/latest")), auth, aResponse().withStatus(200)
                .withHeader("Content-Type", OCI_MANIFEST)
                .withHeader("Docker-Content-Digest", image.manifest().digest().toString())
                .withBody(image.manifest().bytes()));
        for (TestImage.Blob blob : image.blobs()) {
            serve(get(urlEqualTo("/v2/library/alpine/blobs/" + blob.digest())), auth,
                    aResponse().withStatus(200).withBody(blob.bytes()));
        }
    }

    void serve(MappingBuilder request, String auth, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        registry.stubFor((auth == null ? request : request.withHeader("Authorization", equalTo(auth))).atPriority(5)
                .willReturn(response));
    }

    void assertPulled(StoredImage pulled) throws Exception {
        assertEquals(image.manifest().digest(), pulled.manifestDigest());
        for (TestImage.Blob blob : image.blobs()) {
            assertTrue(images.store().blobs().contains(blob.digest()), "missing " + blob.digest());
        }
    }

    /** Nothing named, no partial file left, and the refused blob (when there is one) not stored. */
    void assertStoreUnchanged(TestImage.Blob refused) throws Exception {
        assertTrue(images.store().layout().index().manifests().isEmpty(), "nothing is named");
        if (refused != null) {
            assertFalse(images.store().blobs().contains(refused.digest()), "the refused blob is not stored");
        }
        try (Stream<Path> tmp = Files.list(dir.resolve("root/tmp"))) {
            assertEquals(List.of(), tmp.filter(p -> p.toString().endsWith(".partial")).toList(), "no partial files remain");
        }
    }

    @Test
    void dockerHubTokenFlowAnonymousThenTokenReused() throws Exception {
        String realm = "http://127.0.0.1:" + registry.port() + "/token";
        registry.stubFor(get(urlMatching("/v2/.*")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/alpine:pull\"")
                .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")));
        registry.stubFor(get(urlPathEqualTo("/token")).withQueryParam("service", equalTo("registry.docker.io"))
                .withQueryParam("scope", equalTo("repository:library/alpine:pull"))
                .willReturn(aResponse().withStatus(200).withBody("{\"token\":\"t0k3n\",\"expires_in\":300}")));
        serveImage("Bearer t0k3n");

        assertPulled(puller(CredentialSource.none()).pull(ref(), pullOptions()));

        List<LoggedRequest> tokens = registry.findAll(getRequestedFor(urlPathEqualTo("/token")));
        assertEquals(1, tokens.size(), "the token is reused for every request of the scope");
        assertFalse(tokens.get(0).containsHeader("Authorization"), "anonymous token request");
        assertEquals(1, registry.findAll(getRequestedFor(urlMatching("/v2/.*")).withHeader("Authorization", absent())).size(),
                "only the first request goes without the token");
    }

    @Test
    void tokenFlowWithCredentialsSendsThemOnlyToTheTokenServer() throws Exception {
        String realm = "http://127.0.0.1:" + registry.port() + "/token";
        registry.stubFor(get(urlMatching("/v2/.*")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"test\"")));
        String basic = "Basic " + Base64.getEncoder().encodeToString("fox:hunter2".getBytes(StandardCharsets.UTF_8));
        registry.stubFor(get(urlPathEqualTo("/token")).withHeader("Authorization", equalTo(basic))
                .willReturn(aResponse().withStatus(200).withBody("{\"access_token\":\"private\"}")));
        serveImage("Bearer private");
        assertPulled(puller(CredentialSource.only(host(), Credential.of("fox", "hunter2"))).pull(ref(), pullOptions()));
        registry.verify(0, getRequestedFor(urlMatching("/v2/.*")).withHeader("Authorization", equalTo(basic)));
    }

    @Test
    void basicAuthChallengeIsAnsweredWithTheCredential() throws Exception {
        registry.stubFor(get(urlMatching("/v2/.*")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"test\"")));
        String basic = "Basic " + Base64.getEncoder().encodeToString("fox:hunter2".getBytes(StandardCharsets.UTF_8));
        serveImage(basic);
        assertPulled(puller(CredentialSource.only(host(), Credential.of("fox", "hunter2"))).pull(ref(), pullOptions()));
    }

    @Test
    void wrongPasswordIsRefusedWithoutShowingIt() throws Exception {
        String secret = "s3cr3t-Pa55word";
        String realm = "http://127.0.0.1:" + registry.port() + "/token";
        registry.stubFor(get(urlMatching("/v2/.*")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"test\"")));
        registry.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"incorrect username or password\"}]}")));
        RegistryException e = assertThrows(RegistryException.class,
                () -> puller(CredentialSource.only(host(), Credential.of("fox", secret))).pull(ref(), pullOptions()));
        assertTrue(e.getMessage().startsWith("pull manifest " + ref() + ": get a token for " + host()
                + " from 127.0.0.1: unauthorized: incorrect username or password"), e.getMessage());
        String encoded = Base64.getEncoder().encodeToString(("fox:" + secret).getBytes(StandardCharsets.UTF_8));
        for (String text : List.of(e.getMessage(), String.join("\n", notes))) {
            assertFalse(text.contains(secret) || text.contains(encoded), "a secret leaked: " + text);
        }
        assertStoreUnchanged(null);
    }

    @Test
    void blobRedirectedToAnotherHostGetsNoCredentials() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("fox:hunter2".getBytes(StandardCharsets.UTF_8));
        registry.stubFor(get(urlMatching("/v2/.*")).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"test\"")));
        serveImage(basic);
        TestImage.Blob layer = image.layers().get(0);
        String signed = "/storage/" + layer.digest().hex() + "?sig=a%2Fb%3D&expires=1";
        serve(get(urlEqualTo("/v2/library/alpine/blobs/" + layer.digest())), basic,
                aResponse().withStatus(307).withHeader("Location", "http://127.0.0.1:" + storage.port() + signed));
        storage.stubFor(get(urlEqualTo(signed)).willReturn(aResponse().withStatus(200).withBody(layer.bytes())));

        assertPulled(puller(CredentialSource.only(host(), Credential.of("fox", "hunter2"))).pull(ref(), pullOptions()));
        List<LoggedRequest> redirected = storage.findAll(getRequestedFor(urlEqualTo(signed)));
        assertEquals(1, redirected.size(), "the signed URL is followed verbatim");
        assertFalse(redirected.get(0).containsHeader("Authorization"), "credentials must not follow a redirect to another host");
    }

    @Test
    void throttledWithRetryAfterWaitsAndRetries() throws Exception {
        serveImage(null);
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/latest")).atPriority(1)
                .inScenario("throttle").whenScenarioStateIs(STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}")));
        long start = System.nanoTime();
        assertPulled(puller(CredentialSource.none()).pull(ref(), pullOptions()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 950, "Retry-After: 1 was honoured, waited " + millis + " ms");
        assertTrue(notes.stream().anyMatch(n -> n.contains("HTTP 429, retrying in 1.0 s")), notes.toString());
    }

    @Test
    void serverErrorThenSuccess() throws Exception {
        serveImage(null);
        TestImage.Blob layer = image.layers().get(0);
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/blobs/" + layer.digest())).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("fine")
                .willReturn(aResponse().withStatus(500)));
        assertPulled(puller(CredentialSource.none()).pull(ref(), pullOptions()));
        registry.verify(2, getRequestedFor(urlEqualTo("/v2/library/alpine/blobs/" + layer.digest())));
    }

    @Test
    void connectionCutMidBlobIsResumedWithRange() throws Exception {
        serveImage(null);
        TestImage.Blob layer = image.layers().get(0);
        String url = "/v2/library/alpine/blobs/" + layer.digest();
        // The first answer promises the whole blob and sends half: the connection closes mid-blob.
        byte[] half = java.util.Arrays.copyOf(layer.bytes(), layer.bytes().length / 2);
        registry.stubFor(get(urlEqualTo(url)).atPriority(1).inScenario("cut").whenScenarioStateIs(STARTED).willSetStateTo("cut")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Length", String.valueOf(layer.bytes().length))
                        .withBody(half)));
        registry.stubFor(get(urlEqualTo(url)).atPriority(1).inScenario("cut").whenScenarioStateIs("cut")
                .willReturn(aResponse().withStatus(200).withBody(layer.bytes()).withTransformers(RangeTransformer.NAME)));

        assertPulled(puller(CredentialSource.none()).pull(ref(), pullOptions()));
        List<LoggedRequest> requests = registry.findAll(getRequestedFor(urlEqualTo(url)));
        assertEquals(2, requests.size());
        String range = requests.get(1).getHeader("Range");
        assertTrue(range != null && range.matches("bytes=[1-9][0-9]*-"), "resumed from where it stopped: " + range + " " + notes);
    }

    @Test
    void blobThatDoesNotMatchItsDigestIsRefused() throws Exception {
        serveImage(null);
        TestImage.Blob layer = image.layers().get(0);
        byte[] forged = layer.bytes().clone();
        forged[forged.length / 2] ^= 1;
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/blobs/" + layer.digest())).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody(forged)));
        RegistryException e = assertThrows(RegistryException.class, () -> puller(CredentialSource.none()).pull(ref(), pullOptions()));
        assertTrue(e.getMessage().startsWith("pull blob " + layer.digest() + " from " + ref()
                + ": refused: content does not match its digest"), e.getMessage());
        assertStoreUnchanged(layer);
    }

    @Test
    void manifestThatIsNotJsonIsRefused() throws Exception {
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/latest")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", OCI_MANIFEST).withBody("<html>not a manifest</html>")));
        RegistryException e = assertThrows(RegistryException.class, () -> puller(CredentialSource.none()).pull(ref(), pullOptions()));
        assertTrue(e.getMessage().startsWith("pull manifest " + ref() + ": the manifest is not valid JSON"), e.getMessage());
        assertStoreUnchanged(null);
    }

    @Test
    void oversizedManifestIsRefused() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/latest")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", OCI_MANIFEST).withHeader("Content-Length", String.valueOf(big.length))
                .withBody(big)));
        RegistryException e = assertThrows(RegistryException.class, () -> puller(CredentialSource.none()).pull(ref(), pullOptions()));
        assertEquals("pull manifest " + ref() + ": the registry sent a manifest of " + big.length
                + " bytes, over foxbox's limit of 4194304 bytes (4 MiB)", e.getMessage());
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/chunked")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", OCI_MANIFEST).withBody(big).withChunkedDribbleDelay(4, 10)));
        e = assertThrows(RegistryException.class, () -> puller(CredentialSource.none())
                .pull(ImageReference.parse(host() + "/library/alpine:chunked"), pullOptions()));
        assertTrue(e.getMessage().endsWith("a manifest of more than 4194304 bytes, over foxbox's limit of 4194304 bytes (4 MiB)"),
                e.getMessage());
        assertStoreUnchanged(null);
    }

    @Test
    void schema1IsRefusedClearly() throws Exception {
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/latest")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws")
                .withBody("{\"schemaVersion\":1,\"name\":\"library/alpine\",\"fsLayers\":[]}")));
        RegistryException e = assertThrows(RegistryException.class, () -> puller(CredentialSource.none()).pull(ref(), pullOptions()));
        assertTrue(e.getMessage().contains("Docker schema 1 manifest"), e.getMessage());
    }

    @Test
    void errorBodiesBecomeMessages() throws Exception {
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/latest")).willReturn(aResponse().withStatus(403)
                .withBody("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}")));
        RegistryException e = assertThrows(RegistryException.class, () -> puller(CredentialSource.none()).pull(ref(), pullOptions()));
        assertEquals("pull manifest " + ref() + ": denied: requested access to the resource is denied (log in with: foxbox login "
                + host() + ")", e.getMessage());
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/gone")).willReturn(aResponse().withStatus(404)
                .withBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}")));
        e = assertThrows(RegistryException.class,
                () -> puller(CredentialSource.none()).pull(ImageReference.parse(host() + "/library/alpine:gone"), pullOptions()));
        assertEquals("manifest unknown: " + host() + "/library/alpine:gone", e.getMessage());
    }

    @Test
    void dockerManifestListPicksThePlatform() throws Exception {
        TestImage arm = TestImage.build(new Platform("linux", "arm64", "v8"), TestImage.Compression.GZIP, 12, 500);
        String list = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
                + "\"manifests\":[" + entry(image, "amd64", null) + "," + entry(arm, "arm64", "v8") + "]}";
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/latest")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.docker.distribution.manifest.list.v2+json").withBody(list)));
        registry.stubFor(get(urlEqualTo("/v2/library/alpine/manifests/" + image.manifest().digest())).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", OCI_MANIFEST).withBody(image.manifest().bytes())));
        for (TestImage.Blob blob : image.blobs()) {
            registry.stubFor(get(urlEqualTo("/v2/library/alpine/blobs/" + blob.digest()))
                    .willReturn(aResponse().withStatus(200).withBody(blob.bytes())));
        }
        StoredImage pulled = puller(CredentialSource.none()).pull(ref(), pullOptions().withPlatform(AMD64));
        assertPulled(pulled);
        assertEquals(Digest.sha256(list), pulled.repoDigest());
    }

    private static String entry(TestImage i, String arch, String variant) {
        return "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + i.manifest().digest() + "\",\"size\":"
                + i.manifest().bytes().length + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\""
                + (variant != null ? ",\"variant\":\"" + variant + "\"" : "") + "}}";
    }

    @Test
    void headIsUsedForAnUnchangedTag() throws Exception {
        serveImage(null);
        registry.stubFor(head(urlEqualTo("/v2/library/alpine/manifests/latest")).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", image.manifest().digest().toString())));
        ImagePuller puller = puller(CredentialSource.none());
        puller.pull(ref(), pullOptions());
        registry.resetRequests();
        puller.pull(ref(), pullOptions());
        assertEquals(1, registry.getAllServeEvents().size());
    }
}
