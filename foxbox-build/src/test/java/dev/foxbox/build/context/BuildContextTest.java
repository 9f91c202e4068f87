package dev.foxbox.build.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY sources in the build context: docker's wildcards, the ignore file, and refusal of every
 * way out of the context ({@code ..}, symbolic links), which must not read the builder's files.
 */
class BuildContextTest {

    @TempDir
    Path tmp;
    Path ctx;
    Path outside;

    @BeforeEach
    void makeContext() throws IOException {
        ctx = Files.createDirectory(tmp.resolve("ctx"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0\n");
        write("a.txt", "b.txt", "c.md", "src/main.go", "src/util/u.go", "docs/README.md", "docs/secret.md",
                "secret.env", "etc/passwd");
        Files.createSymbolicLink(ctx.resolve("in-link"), Path.of("a.txt"));
        Files.createSymbolicLink(ctx.resolve("dir-link"), Path.of("src"));
        Files.createSymbolicLink(ctx.resolve("out-link"), Path.of("../outside/passwd"));
        Files.createSymbolicLink(ctx.resolve("out-dir"), outside);
        Files.createSymbolicLink(ctx.resolve("dangling"), Path.of("nowhere"));
        Files.createSymbolicLink(ctx.resolve("to-secret"), Path.of("secret.env"));
    }

    private void write(String... paths) throws IOException {
        for (String p : paths) {
            Path f = ctx.resolve(p);
            Files.createDirectories(f.getParent());
            Files.writeString(f, p);
        }
    }

    private BuildContext context() throws IOException {
        return BuildContext.of(ctx, IgnorePatterns.parse(".foxignore", "secret.env\ndocs\n!docs/README.md\n"));
    }

    private static List<String> names(List<ContextSource> sources) {
        return sources.stream().map(ContextSource::name).toList();
    }

    private String refusal(String source) throws IOException {
        BuildContext c = context();
        return assertThrows(ContextException.class, () -> c.resolve(source), source).getMessage();
    }

    @Test
    void plainPathsAndDirectories() throws IOException {
        BuildContext c = context();
        ContextSource a = c.resolve("a.txt").get(0);
        assertEquals("a.txt", a.name());
        assertEquals(ctx.toRealPath().resolve("a.txt"), a.path());
        assertFalse(a.directory());
        ContextSource src = c.resolve("src/").get(0);
        assertTrue(src.directory());
        assertEquals(List.of("main.go", "util", "util/u.go"), c.files(src).stream().map(ContextEntry::path).toList());
        assertEquals(List.of("."), names(c.resolve(".")));
        assertEquals(List.of("a.txt"), names(c.resolve("./src/../a.txt")));
    }

    @Test
    void wildcardsMatchLikeDocker() throws IOException {
        BuildContext c = context();
        assertEquals(List.of("a.txt", "b.txt"), names(c.resolve("*.txt")));
        assertEquals(List.of("a.txt", "b.txt"), names(c.resolve("[ab].txt")));
        assertEquals(List.of("a.txt", "b.txt"), names(c.resolve("?.txt")));
        assertEquals(List.of("src/util/u.go"), names(c.resolve("src/*/u.go")));
        assertEquals(List.of("src/main.go"), names(c.resolve("src/*.go")));
        assertTrue(refusal("*.nothing").contains("no files in the build context match \"*.nothing\""));
    }

    @Test
    void dotDotOutOfTheContextIsRefused() throws IOException {
        assertTrue(refusal("../outside/passwd").contains("is outside the build context"));
        assertTrue(refusal("src/../../outside/passwd").contains("is outside the build context"));
        assertTrue(refusal("..").contains("is outside the build context"));
    }

    @Test
    void absolutePathsMeanTheContextRootNeverTheHost() throws IOException {
        BuildContext c = context();
        assertEquals(List.of("a.txt"), names(c.resolve("/a.txt")));
        ContextSource passwd = c.resolve("/etc/passwd").get(0);
        assertEquals(ctx.toRealPath().resolve("etc/passwd"), passwd.path());
        assertTrue(refusal("/etc/shadow").contains("not found in the build context"));
    }

    @Test
    void symbolicLinksPointingOutAreRefused() throws IOException {
        assertTrue(refusal("out-link").contains("points outside the build context"));
        assertTrue(refusal("out-dir/passwd").contains("points outside the build context"));
        assertTrue(refusal("out-dir/*").contains("points outside the build context"));
        assertTrue(refusal("out-dir").contains("points outside the build context"));
        assertTrue(refusal("dangling").contains("does not exist"));
    }

    @Test
    void symbolicLinksInsideAreKept() throws IOException {
        BuildContext c = context();
        ContextSource link = c.resolve("in-link").get(0);
        assertEquals("in-link", link.name());
        assertEquals(ctx.toRealPath().resolve("a.txt"), link.path());
        assertEquals(List.of("dir-link/main.go"), names(c.resolve("dir-link/main.go")));
        assertTrue(c.resolve("dir-link").get(0).directory());
    }

    @Test
    void ignoredFilesAreNotInTheContext() throws IOException {
        BuildContext c = context();
        assertTrue(refusal("secret.env").contains("is excluded from the build context by .foxignore"));
        assertTrue(refusal("*.env").contains("no files in the build context match"));
        assertTrue(refusal("docs/secret.md").contains("excluded"));
        assertTrue(refusal("to-secret").contains("leads to \"secret.env\""));
        assertEquals(List.of("docs/README.md"), names(c.resolve("docs/*")));
        assertTrue(refusal("missing.txt").contains("not found in the build context"));
        assertTrue(refusal("a.txt/").contains("is not a directory"));
    }

    @Test
    void theWalkerListsWhatIsSentWithLinksAsLinks() throws IOException {
        List<String> listed = context().files().stream().map(e -> e.path() + ":" + e.kind()).toList();
        assertEquals(List.of("a.txt:FILE", "b.txt:FILE", "c.md:FILE", "dangling:SYMLINK", "dir-link:SYMLINK",
                "docs/README.md:FILE", "etc:DIRECTORY", "etc/passwd:FILE", "in-link:SYMLINK", "out-dir:SYMLINK",
                "out-link:SYMLINK", "src:DIRECTORY", "src/main.go:FILE", "src/util:DIRECTORY", "src/util/u.go:FILE",
                "to-secret:SYMLINK"), listed);
    }

    @Test
    void excludedDirectoriesAreSkippedWhenNothingReincludes() throws IOException {
        BuildContext c = BuildContext.of(ctx, IgnorePatterns.parse(".dockerignore", "src\n*.md\n**/*.go\n"));
        List<String> listed = c.files().stream().map(ContextEntry::path).filter(p -> !p.contains("link")).toList();
        // *.md is the root's only: docs/*.md stay.
        assertEquals(List.of("a.txt", "b.txt", "dangling", "docs", "docs/README.md", "docs/secret.md", "etc",
                "etc/passwd", "out-dir", "secret.env", "to-secret"), listed);
    }

    @Test
    void openReadsFoxignoreBeforeDockerignoreAndTheFoxfilesOwnFirst() throws IOException {
        Files.writeString(ctx.resolve(".dockerignore"), "a.txt\n");
        assertTrue(BuildContext.open(ctx).isExcluded("a.txt"));
        Files.writeString(ctx.resolve(".foxignore"), "b.txt\n");
        assertFalse(BuildContext.open(ctx).isExcluded("a.txt"));
        assertTrue(BuildContext.open(ctx).isExcluded("b.txt"));
        Path foxfile = Files.writeString(tmp.resolve("app.Foxfile"), "FROM x\n");
        Files.writeString(tmp.resolve("app.Foxfile.dockerignore"), "c.md\n");
        BuildContext own = BuildContext.open(ctx, foxfile);
        assertTrue(own.isExcluded("c.md"));
        assertFalse(own.isExcluded("b.txt"));
        assertEquals("app.Foxfile.dockerignore", own.ignore().source());
    }
}
