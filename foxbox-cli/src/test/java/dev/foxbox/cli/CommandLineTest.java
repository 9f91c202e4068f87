package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's own promises: help everywhere, a version, completion, one-line errors, exit 125. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelp() {
        CommandLine cli = Main.commandLine(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        List<String> missing = new ArrayList<>();
        walk(cli, new ArrayList<>(), missing);
        assertTrue(missing.isEmpty(), "commands without working --help: " + missing);
    }

    private void walk(CommandLine cmd, List<String> path, List<String> missing) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        Foxbox.Result r = new Foxbox(dir).run(args.toArray(String[]::new));
        if (r.exitCode() != 0 || !r.out().contains("Usage:")) {
            missing.add(String.join(" ", path));
        }
        for (var sub : cmd.getSubcommands().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            walk(sub.getValue(), next, missing);
        }
    }

    @Test
    void versionNamesFoxboxAndJava() {
        Foxbox.Result r = new Foxbox(dir).run("--version").ok();
        assertTrue(r.out().matches("(?s)foxbox \\d+\\.\\d+\\.\\d+.* \\(Java .*\\)\\s*"), r.out());
    }

    @Test
    void completionScriptCoversTheCommands() {
        String script = new Foxbox(dir).run("completion").ok().out();
        assertTrue(script.contains("complete -F"), "not a bash completion script");
        for (String command : List.of("import", "images", "rmi", "tag", "unpack", "prune")) {
            assertTrue(script.contains(command), "completion lacks " + command);
        }
    }

    @Test
    void badInputGivesOneLineAnd125() {
        Foxbox foxbox = new Foxbox(dir.resolve("root"));
        assertOneLineError(foxbox.run("import", dir.resolve("nope.tar").toString(), "x"), "nope.tar");
        assertOneLineError(foxbox.run("rmi", "nosuchimage"), "no such image: docker.io/library/nosuchimage:latest");
        assertOneLineError(foxbox.run("tag", "nosuchimage", "Bad:Name"), "invalid reference format");
        assertOneLineError(foxbox.run("images", "--format", "yaml"), "--format");
        assertOneLineError(foxbox.run("frobnicate"), "frobnicate");
    }

    @Test
    void importOfSomethingThatIsNotATarIsRefusedAndLeavesNothing() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.tar"), "this is not a tar archive at all, " + "x".repeat(2000));
        Foxbox foxbox = new Foxbox(dir.resolve("root"));
        assertOneLineError(foxbox.run("import", junk.toString(), "junk"), "junk.tar is not a valid tar archive");
        assertFalse(foxbox.run("images").ok().out().contains("junk"));
        try (var blobs = Files.list(dir.resolve("root/store/blobs/sha256"))) {
            assertEquals(0, blobs.count());
        }
        try (var tmp = Files.list(dir.resolve("root/tmp"))) {
            assertEquals(0, tmp.count());
        }
    }

    private static void assertOneLineError(Foxbox.Result r, String expected) {
        assertEquals(125, r.exitCode(), r.err());
        String firstLine = r.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("foxbox: ") && firstLine.contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
