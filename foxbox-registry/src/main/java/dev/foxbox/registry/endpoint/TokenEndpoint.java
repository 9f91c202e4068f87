package dev.foxbox.registry.endpoint;

import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.auth.Challenge;
import dev.foxbox.registry.auth.Credential;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.RegistryErrors;
import dev.foxbox.registry.client.Response;
import dev.foxbox.registry.json.TokenJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET realm?service=…&scope=…}: a bearer token from the token server a registry's
 * challenge names (Docker Hub's is auth.docker.io), anonymously or with the user's credential
 * as Basic auth. An identity token is exchanged with OAuth2's refresh-token grant instead
 * ({@code POST realm}, form-encoded), as docker does.
 */
public final class TokenEndpoint implements RegistryEndpoint<TokenJson.Token> {

    private static final int MAX_TOKEN_RESPONSE = 1024 * 1024;

    private final Challenge challenge;
    private final String scope;
    private final Credential credential;
    private final String registry;

    /**
     * @param scope      e.g. {@code repository:library/alpine:pull}, several separated by spaces; null for none
     * @param credential the user's, or null for an anonymous token
     * @param registry   the registry the token is for, for messages
     */
    public TokenEndpoint(Challenge challenge, String scope, Credential credential, String registry) {
        this.challenge = challenge;
        this.scope = scope;
        this.credential = credential;
        this.registry = registry;
    }

    @Override
    public String method() {
        return credential != null && credential.isIdentityToken() ? "POST" : "GET";
    }

    @Override
    public String url(String base) {
        String realm = challenge.realm();
        if (method().equals("POST")) {
            return realm;
        }
        String query = form(false);
        return query.isEmpty() ? realm : realm + (realm.contains("?") ? "&" : "?") + query;
    }

    @Override
    public Map<String, String> headers() {
        if (credential != null && !credential.isIdentityToken()) {
            return Map.of("Authorization", credential.basicAuthorization());
        }
        return Map.of();
    }

    @Override
    public Body body() {
        if (!method().equals("POST")) {
            return null;
        }
        return new Body("application/x-www-form-urlencoded", form(true).getBytes(StandardCharsets.UTF_8));
    }

    private String form(boolean refresh) {
        List<String> params = new ArrayList<>();
        if (challenge.service() != null) {
            params.add("service=" + encode(challenge.service()));
        }
        if (scope != null) {
            for (String one : scope.split(" ")) {
                params.add("scope=" + encode(one)); // several scopes are several parameters, as docker sends them
            }
        }
        if (refresh) {
            params.add("grant_type=refresh_token");
            params.add("client_id=foxbox");
            params.add("refresh_token=" + encode(credential.secret()));
        }
        return String.join("&", params);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String action() {
        String host;
        try {
            host = URI.create(challenge.realm()).getHost();
        } catch (IllegalArgumentException e) {
            host = "its token server";
        }
        return "get a token for " + registry + " from " + host;
    }

    @Override
    public boolean registryApi() {
        return false;
    }

    @Override
    public TokenJson.Token handle(Response response) throws IOException {
        byte[] bytes = response.bodyPrefix(MAX_TOKEN_RESPONSE + 1);
        if (bytes.length > MAX_TOKEN_RESPONSE) {
            throw new RegistryException(action() + ": the answer is larger than " + MAX_TOKEN_RESPONSE + " bytes");
        }
        try {
            return TokenJson.read(bytes, "the token server's answer");
        } catch (IOException e) {
            throw new RegistryException(action() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TokenJson.Token handleError(Response response, RegistryErrors errors) throws IOException {
        if ((response.status() == 401 || response.status() == 403) && credential != null) {
            throw new RegistryException(action() + ": " + errors.describe() + " (the credentials for " + registry
                    + " were refused; log in again with: foxbox login " + registry + ")", response.status(), errors.codes(), null);
        }
        throw errors.exception(action());
    }
}
