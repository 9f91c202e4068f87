package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InRootPathTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "a/b/c      | a/b/c",
        "./a//b/    | a/b",
        "a/./b/..   | a",
        "a/../b     | b",
        ".          | ''",
        "./         | ''",
        "''         | ''",
        "a/..       | ''",
        "..         | ESCAPES",
        "a/../..    | ESCAPES",
        "../a       | ESCAPES",
        "a/../../b  | ESCAPES",
        ".wh..      | .wh..",
        "...        | ...",
    })
    void cleansLikePathClean(String name, String expected) {
        Optional<InRootPath> cleaned = InRootPath.clean(name);
        assertEquals(expected, cleaned.map(InRootPath::toString).orElse("ESCAPES"));
    }
}
