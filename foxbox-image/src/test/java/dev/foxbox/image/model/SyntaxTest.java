package dev.foxbox.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each check in Syntax against the regular expression it stands for, on every string up to
 * four characters over an alphabet of the characters that matter, and on random longer ones.
 */
class SyntaxTest {

    /** Letters of both cases, digits, the separators and the odd ones, a non-ASCII digit and letter. */
    private static final String ALPHABET = "aAfgzZ09._-:/[]!#$&^+@ \u0661\u00e9";

    @Test
    void name() {
        agree("[a-zA-Z0-9][a-zA-Z0-9_.-]*", Syntax::isName);
    }

    @Test
    void pathComponent() {
        agree("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*", Syntax::isPathComponent);
    }

    @Test
    void domainComponent() {
        agree("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?", Syntax::isDomainComponent);
    }

    @Test
    void bracketedIpv6() {
        agree("\\[[0-9A-Fa-f:.]+]", Syntax::isBracketedIpv6);
    }

    @Test
    void digits() {
        agree("[0-9]+", Syntax::isDigits);
    }

    @Test
    void tag() {
        agree("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", Syntax::isTag);
        assertEquals(true, Syntax.isTag("a".repeat(128)));
        assertEquals(false, Syntax.isTag("a".repeat(129)));
    }

    @Test
    void hex64() {
        agree("[a-f0-9]{64}", Syntax::isHex64);
        assertEquals(true, Syntax.isHex64("0123456789abcdef".repeat(4)));
        assertEquals(false, Syntax.isHex64("0123456789abcdeF".repeat(4)));
    }

    @Test
    void mediaType() {
        agree("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*", Syntax::isMediaType);
        for (String real : List.of("application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "application/vnd.oci.image.layer.v1.tar+zstd")) {
            assertEquals(true, Syntax.isMediaType(real), real);
        }
    }

    private static void agree(String regex, Predicate<String> check) {
        Pattern pattern = Pattern.compile(regex);
        List<String> words = new ArrayList<>(List.of(""));
        List<String> last = List.of("");
        for (int length = 1; length <= 4; length++) {
            List<String> next = new ArrayList<>();
            for (String w : last) {
                for (char c : ALPHABET.toCharArray()) {
                    next.add(w + c);
                }
            }
            words.addAll(next);
            last = next;
        }
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder w = new StringBuilder();
            int length = 5 + random.nextInt(70);
            for (int j = 0; j < length; j++) {
                w.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            words.add(w.toString());
        }
        for (String w : words) {
            assertEquals(pattern.matcher(w).matches(), check.test(w), "'" + w + "' against " + regex);
        }
    }
}
