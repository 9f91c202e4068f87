package dev.foxbox.image.model;

import java.util.Objects;

/**
 * A reference to an image, normalized as docker normalizes it: {@code alpine} is
 * {@code docker.io/library/alpine:latest}, {@code localhost:5000/a/b@sha256:…} keeps its
 * registry and has no tag.
 *
 * <p>The grammar is the distribution project's reference grammar:
 * <pre>
 * reference  := name [ ":" tag ] [ "@" digest ]
 * name       := [registry "/"] path-component ["/" path-component]*
 * registry   := host [":" port]          host: a domain name, an IPv4 address or [IPv6]
 * path-component := [a-z0-9]+ ( ([._] | "__" | "-"+) [a-z0-9]+ )*
 * tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 * </pre>
 * The first component is a registry when it contains a {@code .} or a {@code :}, or is
 * {@code localhost}, or has upper-case letters; otherwise the image lives on Docker Hub.
 *
 * @param registry   the registry host, with its port if any; Docker Hub is {@code docker.io}
 * @param repository the path in the registry, e.g. {@code library/alpine}
 * @param tag        the tag, or null when the reference has only a digest
 * @param digest     the manifest digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final int MAX_NAME_LENGTH = 255;


    public ImageReference {
        if (registry == null || registry.isEmpty() || repository == null || repository.isEmpty()) {
            throw new InvalidReferenceException("an image reference needs a registry and a repository");
        }
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
    }

    /** Parses and normalizes {@code text}; throws {@link InvalidReferenceException} saying why it is not one. */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidReferenceException("invalid reference format: the image name is empty");
        }
        if (Syntax.isHex64(text)) {
            throw new InvalidReferenceException("invalid reference format: repository name '" + text
                    + "' cannot be a 64-character hexadecimal string (that is an image id)");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (InvalidDigestException e) {
                throw new InvalidReferenceException("invalid reference format '" + text + "': " + e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!Syntax.isTag(tag)) {
                throw new InvalidReferenceException("invalid reference format '" + text + "': invalid tag '" + tag
                        + "' (letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-')");
            }
        }
        if (rest.isEmpty()) {
            throw new InvalidReferenceException("invalid reference format '" + text + "': the repository name is empty");
        }

        String registry;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT)))) {
            registry = first;
            path = rest.substring(slash + 1);
            checkRegistry(text, registry);
        } else {
            registry = DOCKER_HUB;
            path = rest;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (!path.equals(path.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidReferenceException("invalid reference format '" + text + "': repository name must be lowercase");
        }
        for (String component : path.split("/", -1)) {
            if (!Syntax.isPathComponent(component)) {
                throw new InvalidReferenceException("invalid reference format '" + text + "': invalid repository path component '"
                        + component + "' (lowercase letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
        if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException("invalid reference format '" + text + "': repository name longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        return new ImageReference(registry, path, tag, digest);
    }

    private static void checkRegistry(String text, String registry) {
        String host = registry;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || !Syntax.isBracketedIpv6(host.substring(0, close + 1))) {
                throw new InvalidReferenceException("invalid reference format '" + text + "': invalid registry host '" + registry + "'");
            }
            String after = host.substring(close + 1);
            if (!after.isEmpty() && !(after.startsWith(":") && Syntax.isDigits(after.substring(1)))) {
                throw new InvalidReferenceException("invalid reference format '" + text + "': invalid registry port in '" + registry + "'");
            }
            return;
        }
        int portColon = host.indexOf(':');
        if (portColon >= 0) {
            String port = host.substring(portColon + 1);
            if (!Syntax.isDigits(port)) {
                throw new InvalidReferenceException("invalid reference format '" + text + "': invalid registry port '" + port + "'");
            }
            host = host.substring(0, portColon);
        }
        for (String component : host.split("\\.", -1)) {
            if (!Syntax.isDomainComponent(component)) {
                throw new InvalidReferenceException("invalid reference format '" + text + "': invalid registry host '" + registry + "'");
            }
        }
    }

    /** Whether {@code text} parses as an image reference. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    /** {@code registry/repository}, e.g. {@code docker.io/library/alpine}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The same image name with another tag (and no digest). */
    public ImageReference withTag(String newTag) {
        return parse(name() + ":" + newTag);
    }

    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** Docker Hub's short form for display: {@code alpine:3} rather than {@code docker.io/library/alpine:3}. */
    public String familiar() {
        String shortName = name();
        if (registry.equals(DOCKER_HUB)) {
            shortName = repository.startsWith("library/") && repository.indexOf('/', 8) < 0
                    ? repository.substring(8) : repository;
        }
        return shortName + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    // Written out, not generated, for the reason given in MediaType.
    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference r && registry.equals(r.registry) && repository.equals(r.repository)
                && Objects.equals(tag, r.tag) && Objects.equals(digest, r.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }

    /** The full normalized form: {@code registry/repository[:tag][@digest]}. */
    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
