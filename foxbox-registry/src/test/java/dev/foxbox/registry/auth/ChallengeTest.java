package dev.foxbox.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void dockerHubsBearerChallenge() {
        List<Challenge> all = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/alpine:pull\"");
        assertEquals(List.of(new Challenge("bearer", Map.of("realm", "https://auth.docker.io/token",
                "service", "registry.docker.io", "scope", "repository:library/alpine:pull"))), all);
    }

    @Test
    void severalChallengesQuotesAndOddSpacing() {
        List<Challenge> all = Challenge.parse("Basic realm=\"a \\\"quoted\\\" realm\" , Bearer  realm=https://t/x, error=\"insufficient_scope\"");
        assertEquals(2, all.size());
        assertEquals("a \"quoted\" realm", all.get(0).realm());
        assertTrue(all.get(1).isBearer());
        assertEquals("https://t/x", all.get(1).realm());
        assertEquals("insufficient_scope", all.get(1).params().get("error"));
        assertEquals(all.get(1), Challenge.pick(all), "Bearer is preferred");
    }

    @Test
    void nothingUsable() {
        assertEquals(List.of(), Challenge.parse(null));
        assertNull(Challenge.pick(Challenge.parse("Negotiate")));
        assertEquals("basic", Challenge.pick(Challenge.parse("Basic")).scheme());
    }
}
