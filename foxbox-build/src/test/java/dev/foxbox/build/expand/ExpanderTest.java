package dev.foxbox.build.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Docker's expansion rules as tables ({@code src/test/resources/expand/word.txt} and
 * {@code words.txt}, in the spirit of BuildKit's {@code envVarTest}), plus the backtick escape
 * and heredoc content.
 */
class ExpanderTest {

    private static final Map<String, String> VARIABLES = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어",
            "EMPTY", "", "VERSION", "v1.2.3", "FILE", "app.tar.gz", "PATHS", "/a:/b:/c", "SPACED", "x  y",
            "PORTS", "443 8080");

    private final Expander expander = new Expander('\\');

    @TestFactory
    Stream<DynamicTest> word() throws IOException {
        return table("word.txt").map(row -> DynamicTest.dynamicTest(row[0], () -> {
            if (row[1].startsWith("error")) {
                ExpansionException e = assertThrows(ExpansionException.class,
                        () -> expander.word(row[0], VARIABLES::get), "expanded: " + row[0]);
                String wanted = row[1].substring("error".length()).replaceFirst("^: ", "");
                assertTrue(e.getMessage().contains(wanted), e.getMessage());
                assertTrue(e.getMessage().startsWith("failed to process \"" + row[0] + "\": "), e.getMessage());
            } else {
                assertEquals(row[1], expander.word(row[0], VARIABLES::get));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> words() throws IOException {
        return table("words.txt").map(row -> DynamicTest.dynamicTest(row[0], () ->
                assertEquals(Arrays.asList(row[1].split(",")), expander.words(row[0], VARIABLES::get))));
    }

    @Test
    void backtickEscapeLeavesBackslashesAlone() {
        Expander windows = new Expander('`');
        assertEquals("C:\\path\\app", windows.word("C:\\path\\app", VARIABLES::get));
        assertEquals("a$PWD", windows.word("a`$PWD", VARIABLES::get));
        assertEquals("a\"b", windows.word("\"a`\"b\"", VARIABLES::get));
        assertEquals("C:\\/home", windows.word("C:\\$PWD", VARIABLES::get));
    }

    @Test
    void heredocKeepsQuotesAndBackslashes() {
        String content = "echo $PWD \"quoted $SHELL\" 'single $SHELL' \\$LITERAL printf 'a\\nb' ${UNSET:-d}\n";
        assertEquals("echo /home \"quoted bash\" 'single bash' $LITERAL printf 'a\\nb' d\n",
                expander.heredoc(content, VARIABLES::get));
    }

    @Test
    void heredocSyntaxErrorsAreReported() {
        assertThrows(ExpansionException.class, () -> expander.heredoc("${oops\n", VARIABLES::get));
    }

    /** Any word expands or fails with an ExpansionException, never another exception. */
    @Test
    void arbitraryWordsNeverCrash() {
        String[] pieces = {"$", "{", "}", ":", "-", "+", "?", "#", "%", "/", "\\", "'", "\"", "PWD", "X", " ", "*", "`"};
        Random random = new Random(11);
        for (int i = 0; i < 20000; i++) {
            StringBuilder word = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) {
                word.append(pieces[random.nextInt(pieces.length)]);
            }
            for (Expander e : List.of(expander, new Expander('`'))) {
                try {
                    e.word(word.toString(), VARIABLES::get);
                    e.words(word.toString(), VARIABLES::get);
                    e.heredoc(word.toString(), VARIABLES::get);
                } catch (ExpansionException expected) {
                    assertTrue(expected.getMessage().startsWith("failed to process") || !expected.reason().isEmpty());
                } catch (RuntimeException crash) {
                    throw new AssertionError("crashed on " + word, crash);
                }
            }
        }
    }

    /** Rows of INPUT|EXPECTED, split at the first |; comments and blank lines skipped. */
    private static Stream<String[]> table(String name) throws IOException {
        try (InputStream in = ExpanderTest.class.getResourceAsStream("/expand/" + name)) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                rows.add(new String[] {line.substring(0, bar), line.substring(bar + 1)});
            }
            return rows.stream();
        }
    }
}
