package dev.foxbox.registry.client;

import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.auth.Challenge;
import dev.foxbox.registry.auth.Credential;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.config.RegistryLocation;
import dev.foxbox.registry.endpoint.TokenEndpoint;
import dev.foxbox.registry.json.TokenJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RegistryClient}'s memory of how each registry wants to be asked: the challenge it
 * answered with (Bearer or Basic), the bearer tokens fetched per repository scope (kept until
 * shortly before they expire), and the user's credentials, looked up once per registry and
 * repository since a lookup may run a credential helper.
 */
final class Authenticator {

    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);
    private static final Duration DEFAULT_TOKEN_LIFE = Duration.ofSeconds(60);

    /** Sends a token request through the client, with its redirects and retries. */
    @FunctionalInterface
    interface TokenRequests {
        TokenJson.Token send(RegistryLocation location, TokenEndpoint endpoint) throws IOException;
    }

    private record Token(String value, Instant expires) {}

    private final CredentialSource credentials;
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Optional<Credential>> found = new ConcurrentHashMap<>();

    Authenticator(CredentialSource credentials) {
        this.credentials = credentials;
    }

    /**
     * The Authorization to send up front, once the host has said how it wants it; else null.
     *
     * @param scope the token scope the request needs ({@link #scope}), or null for the one the registry named
     */
    String authorization(RegistryLocation location, String repository, String scope, String action,
                         TokenRequests requests) throws IOException {
        Challenge challenge = challenges.get(location.host());
        if (challenge == null) {
            return null;
        }
        if (challenge.isBasic()) {
            return credential(location, repository).map(Credential::basicAuthorization).orElse(null);
        }
        scope = scope != null ? scope : challenge.scope();
        Token token = tokens.get(tokenKey(location, scope));
        if (token != null && Instant.now().plus(TOKEN_MARGIN).isBefore(token.expires())) {
            return "Bearer " + token.value();
        }
        return "Bearer " + fetchToken(location, repository, challenge, scope, action, requests).value();
    }

    /**
     * A 401: remember how the host wants to be asked, and get a (fresh) token if it wants one.
     * Basic needs nothing more: the retry sends the credential, or gets a 401 that says to log in.
     */
    void challenged(RegistryLocation location, String repository, String scope, String header, String action,
                    TokenRequests requests) throws IOException {
        Challenge challenge = Challenge.pick(Challenge.parse(header));
        if (challenge == null) {
            throw new RegistryException(action + ": unauthorized, and " + location.host()
                    + " did not say how to authenticate (WWW-Authenticate: " + (header == null ? "missing" : header) + ")", 401,
                    List.of(), null);
        }
        challenges.put(location.host(), challenge);
        if (challenge.isBearer()) {
            scope = scope != null ? scope : challenge.scope();
            tokens.remove(tokenKey(location, scope));
            fetchToken(location, repository, challenge, scope, action, requests);
        }
    }

    /** A 401 or 403 that answering the challenge did not cure, with a hint at what to do. */
    RegistryException unauthorized(RegistryLocation location, String repository, String action, RegistryErrors errors)
            throws IOException {
        String registry = location.registry();
        String hint = credential(location, repository).isEmpty() ? " (log in with: foxbox login " + registry + ")"
                : repository == null ? " (the credentials for " + registry + " were refused)"
                : " (the credentials for " + registry + " were refused, or give no access to " + repository + ")";
        return new RegistryException(action + ": " + errors.describe() + hint, errors.status(), errors.codes(), null);
    }

    private Token fetchToken(RegistryLocation location, String repository, Challenge challenge, String scope, String action,
                             TokenRequests requests) throws IOException {
        Credential credential = credential(location, repository).orElse(null);
        TokenJson.Token answer;
        try {
            answer = requests.send(location, new TokenEndpoint(challenge, scope, credential, location.registry()));
        } catch (RegistryException e) {
            throw new RegistryException(action + ": " + e.getMessage(), e.status(), e.codes(), e);
        }
        Duration life = answer.expiresInSeconds() > 0 ? Duration.ofSeconds(answer.expiresInSeconds()) : DEFAULT_TOKEN_LIFE;
        Token token = new Token(answer.token(), Instant.now().plus(life));
        tokens.put(tokenKey(location, scope), token);
        return token;
    }

    private Optional<Credential> credential(RegistryLocation location, String repository) throws IOException {
        String key = location.registry() + "/" + repository;
        Optional<Credential> credential = found.get(key);
        if (credential == null) {
            credential = credentials.find(location.registry(), repository);
            found.put(key, credential);
        }
        return credential;
    }

    /**
     * What to ask a token for: {@code actions} ({@code pull}, {@code pull,push}) on the repository,
     * and pulling {@code others} (a mount's source), space-separated as one scope string that the
     * token request sends as several {@code scope} parameters; null (the scope the registry
     * names in its challenge, for /v2/) without a repository.
     */
    static String scope(String repository, String actions, List<String> others) {
        if (repository == null) {
            return null;
        }
        StringBuilder scope = new StringBuilder("repository:" + repository + ":" + actions);
        for (String other : others) {
            if (!other.equals(repository)) {
                scope.append(" repository:").append(other).append(":pull");
            }
        }
        return scope.toString();
    }

    private static String tokenKey(RegistryLocation location, String scope) {
        return location.host() + "|" + scope;
    }
}
