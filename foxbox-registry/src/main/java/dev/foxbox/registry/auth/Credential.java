package dev.foxbox.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and its secret (a password or a token). {@link #toString()} never shows the
 * secret, so a credential that ends up in a message or a log line gives nothing away.
 *
 * <p>An identity token (what {@code docker login} against some registries stores, and what
 * credential helpers may return) has the user name {@code <token>}: it is exchanged for
 * access tokens with OAuth2's refresh-token grant instead of being sent as a password.
 */
public final class Credential {

    /** The user name that marks an identity (OAuth2 refresh) token, as docker and jib mark it. */
    public static final String IDENTITY_TOKEN_USER = "<token>";

    private final String username;
    private final String secret;

    private Credential(String username, String secret) {
        this.username = username;
        this.secret = secret;
    }

    public static Credential of(String username, String secret) {
        if (username == null || secret == null) {
            throw new IllegalArgumentException("a credential needs a user name and a secret");
        }
        return new Credential(username, secret);
    }

    public static Credential identityToken(String token) {
        return of(IDENTITY_TOKEN_USER, token);
    }

    public String username() {
        return username;
    }

    public String secret() {
        return secret;
    }

    public boolean isIdentityToken() {
        return IDENTITY_TOKEN_USER.equals(username);
    }

    /** The value of an {@code Authorization: Basic} header. */
    public String basicAuthorization() {
        return "Basic " + encoded();
    }

    /** base64 of {@code user:secret}, as auth.json's {@code auth} field holds it. */
    public String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credential c && c.username.equals(username) && c.secret.equals(secret);
    }

    @Override
    public int hashCode() {
        return username.hashCode() * 31 + secret.hashCode();
    }

    @Override
    public String toString() {
        return "credential for " + (isIdentityToken() ? "an identity token" : "user " + username);
    }
}
