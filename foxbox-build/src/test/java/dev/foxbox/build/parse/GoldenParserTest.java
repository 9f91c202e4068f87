package dev.foxbox.build.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.build.foxfile.FoxfileDump;
import dev.foxbox.build.foxfile.FoxfileException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden parser suite, in the style of BuildKit's {@code parser/testfiles}: a folder per case
 * under {@code src/test/resources/foxfile/} with a {@code Foxfile} and the {@code expected.txt}
 * dump of what it parses to ({@link FoxfileDump}), and under {@code foxfile-errors/} a
 * {@code Foxfile} and the expected {@code line:col message}.
 *
 * <p>The tests compare. To rewrite the expected files after a deliberate change, run
 * {@code mvn test -pl foxbox-build -Dtest=GoldenParserTest -Dfoxbox.golden.update=true} and
 * review the diff.
 */
class GoldenParserTest {

    private static final boolean UPDATE = Boolean.getBoolean("foxbox.golden.update");

    @TestFactory
    Stream<DynamicTest> parses() throws IOException {
        return cases("foxfile").map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Foxfile foxfile;
            try {
                foxfile = FoxfileReader.read(dir.resolve("Foxfile"));
            } catch (FoxfileException e) {
                throw new AssertionError(e.withSource(), e);
            }
            check(dir.resolve("expected.txt"), FoxfileDump.dump(foxfile));
        }));
    }

    @TestFactory
    Stream<DynamicTest> refuses() throws IOException {
        return cases("foxfile-errors").map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            try {
                Foxfile foxfile = FoxfileReader.read(dir.resolve("Foxfile"));
                fail("expected an error, parsed:\n" + FoxfileDump.dump(foxfile));
            } catch (FoxfileException e) {
                assertTrue(e.getMessage().startsWith("Foxfile:" + e.line() + ":" + e.column() + ": "), e.getMessage());
                check(dir.resolve("expected.txt"), e.lineColumnReason() + "\n");
            }
        }));
    }

    private static void check(Path expectedFile, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(source(expectedFile), actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile + " (run with -Dfoxbox.golden.update=true)");
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual);
    }

    /** The file under src/test/resources that target/test-classes was copied from, for updates. */
    private static Path source(Path copied) {
        String s = copied.toString().replace("/target/test-classes/", "/src/test/resources/");
        return Path.of(s);
    }

    private static Stream<Path> cases(String folder) throws IOException {
        Path root;
        try {
            root = Path.of(GoldenParserTest.class.getResource("/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> list = dirs.filter(Files::isDirectory).sorted().toList();
            assertTrue(list.size() > 0, "no cases in " + root);
            return list.stream();
        }
    }
}
