package dev.foxbox.build.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file a build reads. */
class BuildFilesTest {

    @TempDir
    Path ctx;

    @Test
    void foxfileThenDockerfileThenContainerfile() throws IOException {
        Files.writeString(ctx.resolve("Containerfile"), "FROM x\n");
        assertEquals(ctx.resolve("Containerfile"), BuildFiles.locate(ctx, null));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM x\n");
        assertEquals(ctx.resolve("Dockerfile"), BuildFiles.locate(ctx, null));
        Files.writeString(ctx.resolve("Foxfile"), "FROM x\n");
        assertEquals(ctx.resolve("Foxfile"), BuildFiles.locate(ctx, null));
    }

    @Test
    void noFileSaysWhatWasLookedFor() {
        ContextException e = assertThrows(ContextException.class, () -> BuildFiles.locate(ctx, null));
        assertEquals("no Foxfile, Dockerfile or Containerfile in " + ctx + " (name one with -f FILE)", e.getMessage());
    }

    @Test
    void fileOptionFromTheCurrentDirectoryElseTheContext() throws IOException {
        Path named = Files.writeString(Files.createDirectories(ctx.resolve("build")).resolve("App.foxfile"), "FROM x\n");
        assertEquals(named, BuildFiles.locate(ctx, named));
        assertEquals(named, BuildFiles.locate(ctx, Path.of("build/App.foxfile")));
        assertEquals("Foxfile nope/Foxfile not found",
                assertThrows(ContextException.class, () -> BuildFiles.locate(ctx, Path.of("nope/Foxfile"))).getMessage());
        assertEquals(ctx.resolve("build") + " is a directory, not a Foxfile",
                assertThrows(ContextException.class, () -> BuildFiles.locate(ctx, ctx.resolve("build"))).getMessage());
    }

    @Test
    void theContextMustBeADirectory() throws IOException {
        Path file = Files.writeString(ctx.resolve("f"), "x");
        assertEquals("build context " + file + " is not a directory",
                assertThrows(ContextException.class, () -> BuildFiles.locate(file, null)).getMessage());
        assertEquals("build context " + ctx.resolve("none") + " does not exist",
                assertThrows(ContextException.class, () -> BuildFiles.locate(ctx.resolve("none"), null)).getMessage());
    }
}
