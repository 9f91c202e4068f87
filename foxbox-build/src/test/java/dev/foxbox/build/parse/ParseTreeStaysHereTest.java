package dev.foxbox.build.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md's rule for a Foxfile's three representations: the ANTLR parse tree never leaves
 * {@code dev.foxbox.build.parse}. Checked on the sources, so a new import elsewhere fails here.
 */
class ParseTreeStaysHereTest {

    @Test
    void onlyTheParsePackageUsesAntlrOrTheGrammar() throws IOException {
        Path main = Path.of("src/main/java/dev/foxbox/build");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(main.resolve("parse")))
                    .filter(f -> read(f).contains("import org.antlr") || read(f).contains("import dev.foxbox.grammar"))
                    .map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
