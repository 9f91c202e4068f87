package dev.foxbox.build.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** docker's .dockerignore rules, case by case: patterns (one a line), a path, whether it is left out. */
class IgnorePatternsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // relative to the context root: * does not cross directories
                Arguments.of("*.md", "README.md", true),
                Arguments.of("*.md", "docs/guide.md", false),
                Arguments.of("**/*.md", "docs/guide.md", true),
                Arguments.of("**/*.md", "README.md", true),
                Arguments.of("**/*.md", "a/b/c/d.md", true),
                Arguments.of("**", "anything/at/all", true),
                Arguments.of("a/**/b", "a/b", true),
                Arguments.of("a/**/b", "a/x/y/b", true),
                Arguments.of("a/**/b", "a/x/b/c", true),
                Arguments.of("a/**/b", "x/a/b", false),
                Arguments.of("*/temp*", "somedir/temporary.txt", true),
                Arguments.of("*/temp*", "somedir/sub/temp", false),
                Arguments.of("*/*/temp*", "somedir/sub/temp", true),
                Arguments.of("temp?", "tempa", true),
                Arguments.of("temp?", "tempab", false),
                Arguments.of("[a-c]*.txt", "banana.txt", true),
                Arguments.of("[a-c]*.txt", "date.txt", false),
                Arguments.of("[^a-c]*.txt", "date.txt", true),
                Arguments.of("\\*.txt", "*.txt", true),
                Arguments.of("\\*.txt", "a.txt", false),
                // a leading / is ignored; . and .. are cleaned; a trailing / is dropped
                Arguments.of("/build", "build", true),
                Arguments.of("/build", "src/build", false),
                Arguments.of("./src/*.tmp", "src/x.tmp", true),
                Arguments.of("src/../out", "out", true),
                Arguments.of("../outside", "outside", false),
                Arguments.of("build/", "build", true),
                Arguments.of("build/", "build/out.o", true),
                // a pattern that matches a directory matches what is under it
                Arguments.of("node_modules", "node_modules/pkg/index.js", true),
                Arguments.of(".git", ".git/objects/ab/cdef", true),
                Arguments.of("src/*", "src/main/java/App.java", true),
                // ! re-includes, and the last matching pattern wins
                Arguments.of("docs\n!docs/README.md", "docs/README.md", false),
                Arguments.of("docs\n!docs/README.md", "docs/secret.md", true),
                Arguments.of("docs\n!docs/README.md", "docs", true),
                Arguments.of("*.txt\n!keep.txt", "keep.txt", false),
                Arguments.of("!keep.txt\n*.txt", "keep.txt", true),
                Arguments.of("*\n!src\nsrc/*.log", "src/debug.log", true),
                Arguments.of("*\n!src\nsrc/*.log", "src/main.c", false),
                Arguments.of("*\n!src\nsrc/*.log", "README", true),
                Arguments.of("**/*.go\n! vendor/keep.go", "vendor/keep.go", false),
                // comments and blank lines; a # after blanks is a pattern, as in docker
                Arguments.of("# *.txt\n\n   \nother", "a.txt", false),
                Arguments.of("#file", "#file", false),
                Arguments.of("  #file", "#file", true),
                Arguments.of("  spaced.txt  \r", "spaced.txt", true));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("cases")
    void matches(String patterns, String path, boolean excluded) {
        assertEquals(excluded, IgnorePatterns.parse(".foxignore", patterns).excludes(path));
    }

    @Test
    void exceptionsAreKnown() {
        assertTrue(IgnorePatterns.parse(".foxignore", "a\n!b").hasExceptions());
        assertFalse(IgnorePatterns.parse(".foxignore", "a\nb").hasExceptions());
        assertFalse(IgnorePatterns.NONE.excludes("anything"));
    }

    @Test
    void badPatternsNameTheirLine() {
        ContextException e = assertThrows(ContextException.class,
                () -> IgnorePatterns.parse(".dockerignore", "ok\n# c\n[unclosed"));
        assertTrue(e.getMessage().startsWith(".dockerignore:3: syntax error in pattern"), e.getMessage());
        ContextException bang = assertThrows(ContextException.class, () -> IgnorePatterns.parse(".foxignore", "!"));
        assertEquals(".foxignore:1: illegal exclusion pattern: \"!\"", bang.getMessage());
    }
}
