package dev.foxbox.image.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest such as {@code sha256:9f86d0…}.
 *
 * <p>Only the algorithms the OCI image spec registers (sha256, sha512) are accepted, and the
 * encoded part must be lowercase hex of exactly the algorithm's length. That makes a Digest safe
 * to use as a file name or URL path segment: {@link #parse} is the gate every digest from the
 * outside world passes through before it touches a path.
 */
public record Digest(Algorithm algorithm, String hex) implements Comparable<Digest> {

    /** The digest algorithms the OCI image spec registers. */
    public enum Algorithm {
        SHA256("sha256", "SHA-256", 64),
        SHA512("sha512", "SHA-512", 128);

        private final String id;
        private final String jcaName;
        private final int hexLength;

        Algorithm(String id, String jcaName, int hexLength) {
            this.id = id;
            this.jcaName = jcaName;
            this.hexLength = hexLength;
        }

        /** The name used in digests and in blob paths, e.g. {@code sha256}. */
        public String id() {
            return id;
        }

        public int hexLength() {
            return hexLength;
        }

        /** A fresh hasher for this algorithm. */
        public MessageDigest newHasher() {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " is missing from this JDK", e);
            }
        }

        static Algorithm byId(String id) {
            for (Algorithm a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            return null;
        }
    }

    public Digest {
        if (algorithm == null) {
            throw new InvalidDigestException("digest algorithm is missing");
        }
        if (hex == null || hex.length() != algorithm.hexLength || !isLowerHex(hex)) {
            throw new InvalidDigestException(
                    "invalid " + algorithm.id + " digest: expected " + algorithm.hexLength
                            + " lowercase hex digits, got '" + abbreviate(hex) + "'");
        }
    }

    /** Parses {@code algorithm:hex}; throws {@link InvalidDigestException} saying why it is not one. */
    public static Digest parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidDigestException("digest is empty");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidDigestException("invalid digest '" + abbreviate(text) + "': missing 'algorithm:'");
        }
        String id = text.substring(0, colon);
        Algorithm algorithm = Algorithm.byId(id);
        if (algorithm == null) {
            throw new InvalidDigestException(
                    "unsupported digest algorithm '" + abbreviate(id) + "' (sha256 and sha512 are supported)");
        }
        return new Digest(algorithm, text.substring(colon + 1));
    }

    /** True when {@code text} is a well-formed digest. */
    public static boolean isDigest(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidDigestException e) {
            return false;
        }
    }

    public static Digest of(Algorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    /** The sha256 digest of some bytes. */
    public static Digest sha256(byte[] content) {
        return compute(Algorithm.SHA256, content);
    }

    /** Up to this size, sha256 is computed by {@link Sha256}, which needs no set-up. */
    private static final int SMALL = 256 * 1024;

    /** The digest of {@code content} with {@code algorithm}. */
    public static Digest compute(Algorithm algorithm, byte[] content) {
        byte[] hash = algorithm == Algorithm.SHA256 && content.length <= SMALL ? Sha256.hash(content)
                : algorithm.newHasher().digest(content);
        return of(algorithm, hash);
    }

    public static Digest sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** The image-id style short form: the first 12 hex digits. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    // equals and hashCode by hand, as MediaType's: a record's generated ones cost start-up time.
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && algorithm == d.algorithm && hex.equals(d.hex);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }

    @Override
    public String toString() {
        return algorithm.id + ":" + hex;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 77) + "..." : printable;
    }
}
