package dev.foxbox.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.client.RetryPolicy;
import dev.foxbox.registry.config.RegistriesConfig;
import dev.foxbox.registry.testing.TestImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push behaviour a local registry cannot show: a token server asked for push and mount scopes,
 * a chunk answered with 416 and continued from the registry's Range, and the request order.
 */
class WireMockPushTest {

    static final Platform AMD64 = new Platform("linux", "amd64", null);
    static final int CHUNK = 2000;

    @TempDir
    Path dir;
    WireMockServer registry;

    @BeforeEach
    void start() {
        registry = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop();
    }

    String host() {
        return "127.0.0.1:" + registry.port();
    }

    /** A stub that wants the token; without it the registry challenges. */
    void authed(MappingBuilder request, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        registry.stubFor(request.withHeader("Authorization", equalTo("Bearer push-token")).atPriority(1).willReturn(response));
    }

    @Test
    void tokenScopesMountChunksA416AndTheManifestLast() throws Exception {
        // The same seed makes the same first layer: the image's bottom layer is base's only layer. (zstd:
        // WireMock tries to gunzip request bodies that start like gzip, and a chunk of one is not whole.)
        TestImage base = TestImage.build(AMD64, TestImage.Compression.ZSTD, 7, 100);
        TestImage image = TestImage.build(AMD64, TestImage.Compression.ZSTD, 7, 100, 4500);
        assertEquals(base.layers().get(0).digest(), image.layers().get(0).digest());
        byte[] big = image.layers().get(1).bytes();
        assertTrue(big.length > 2 * CHUNK + 100 && big.length < 3 * CHUNK, "the second layer needs two chunks and a rest: "
                + big.length);

        LocalImages images = LocalImages.open(new DataRoot(dir.resolve("root")));
        for (TestImage t : List.of(base, image)) {
            for (TestImage.Blob blob : t.blobs()) {
                images.store().blobs().put(blob.bytes());
            }
        }
        images.store().tag(base.manifest().descriptor(), ImageReference.parse(host() + "/other/base:1"));
        images.store().tag(image.manifest().descriptor(), ImageReference.parse("app:1"));

        registry.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"test\"")));
        registry.stubFor(get(urlPathEqualTo("/token")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("{\"token\":\"push-token\",\"expires_in\":300}")));
        authed(head(urlMatching("/v2/team/app/blobs/.*")), aResponse().withStatus(404));
        authed(post(urlPathEqualTo("/v2/team/app/blobs/uploads/")).withQueryParam("mount", equalTo(base.layers().get(0).digest().toString()))
                .withQueryParam("from", equalTo("other/base")), aResponse().withStatus(201));
        authed(post(urlEqualTo("/v2/team/app/blobs/uploads/")).inScenario("uploads").whenScenarioStateIs(STARTED)
                .willSetStateTo("layer"), session("/u/config", 0));
        authed(post(urlEqualTo("/v2/team/app/blobs/uploads/")).inScenario("uploads").whenScenarioStateIs("layer"),
                session("/u/layer", 0));
        authed(put(urlPathEqualTo("/u/config")), aResponse().withStatus(201));
        authed(patch(urlEqualTo("/u/layer")).withHeader("Content-Range", equalTo("0-" + (CHUNK - 1))), session("/u/layer2", CHUNK));
        // The second chunk "broke" after 1000 bytes: the registry kept them, and says so when asked.
        authed(patch(urlEqualTo("/u/layer2")), aResponse().withStatus(416));
        authed(get(urlEqualTo("/u/layer2")), session("/u/layer3", CHUNK + 1000).withStatus(204));
        authed(patch(urlEqualTo("/u/layer3")).withHeader("Content-Range", equalTo((CHUNK + 1000) + "-" + (2 * CHUNK - 1))),
                session("/u/layer4", 2 * CHUNK));
        authed(put(urlPathEqualTo("/u/layer4")).withQueryParam("digest", equalTo(image.layers().get(1).digest().toString())),
                aResponse().withStatus(201));
        authed(put(urlEqualTo("/v2/team/app/manifests/1")), aResponse().withStatus(201)
                .withHeader("Docker-Content-Digest", image.manifest().digest().toString()));

        RegistrySettings settings = new RegistrySettings(RegistriesConfig.defaults(), CredentialSource.none(),
                new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(1)),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        PushedImage pushed = new ImagePusher(images.store(), settings).push(images.get("app:1"),
                ImageReference.parse(host() + "/team/app:1"), new PushOptions(1, CHUNK, null));
        assertEquals(image.manifest().digest(), pushed.digest());

        List<LoggedRequest> tokens = registry.findAll(getRequestedFor(urlPathEqualTo("/token")));
        assertTrue(tokens.stream().anyMatch(t -> t.queryParameter("scope").values()
                .equals(List.of("repository:team/app:pull,push"))), "a push token");
        assertTrue(tokens.stream().anyMatch(t -> t.queryParameter("scope").values()
                .equals(List.of("repository:team/app:pull,push", "repository:other/base:pull"))), "a mount token");

        List<LoggedRequest> all = registry.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.getHeader("Authorization") != null && !r.getUrl().startsWith("/token")).toList();
        assertArrayEquals(Arrays.copyOfRange(big, CHUNK + 1000, 2 * CHUNK), body(all, "PATCH", "/u/layer3"),
                "the chunk continues where the registry is");
        assertArrayEquals(Arrays.copyOfRange(big, 2 * CHUNK, big.length), body(all, "PUT", "/u/layer4"), "the rest goes with the PUT");
        assertArrayEquals(image.config().bytes(), body(all, "PUT", "/u/config"), "a small blob goes whole");
        LoggedRequest last = all.get(all.size() - 1);
        assertEquals("PUT /v2/team/app/manifests/1", last.getMethod() + " " + last.getUrl());
        assertArrayEquals(image.manifest().bytes(), last.getBody());
        assertEquals("application/vnd.oci.image.manifest.v1+json", last.getHeader("Content-Type"));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder session(String location, long bytes) {
        return aResponse().withStatus(202).withHeader("Location", location).withHeader("Range", "0-" + Math.max(0, bytes - 1));
    }

    static byte[] body(List<LoggedRequest> requests, String method, String pathPrefix) {
        return requests.stream().filter(r -> r.getMethod().getName().equals(method) && r.getUrl().startsWith(pathPrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + pathPrefix)).getBody();
    }
}
