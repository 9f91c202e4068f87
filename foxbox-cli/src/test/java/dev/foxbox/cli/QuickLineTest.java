package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * QuickLine reads {@code run} and {@code pull} exactly as picocli does, or steps aside. Every
 * option picocli knows for these commands is read both ways, under each of its names and in both
 * {@code --name value} and {@code --name=value} forms, and the filled-in command objects compared
 * field by field; so an option added to picocli's model and not to QuickLine fails here.
 */
class QuickLineTest {

    @Test
    void everyRunOptionIsReadAsPicocliReadsIt() throws Exception {
        List<String> stepsAside = new ArrayList<>();
        for (OptionSpec option : picocli("run").getSubcommands().get("run").getCommandSpec().options()) {
            if (option.usageHelp()) {
                continue;
            }
            for (List<String> given : forms(option)) {
                List<String> args = new ArrayList<>(List.of("run"));
                args.addAll(given);
                args.addAll(List.of("img", "sh", "-c", "echo --rm"));
                if (!sameAsPicocli(args)) {
                    stepsAside.add(String.join(" ", given));
                }
            }
        }
        assertEquals(List.of(), stepsAside, "run options QuickLine leaves to picocli");
    }

    @Test
    void everyPullOptionIsReadAsPicocliReadsIt() throws Exception {
        List<String> stepsAside = new ArrayList<>();
        for (OptionSpec option : picocli("pull").getSubcommands().get("pull").getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            for (List<String> given : forms(option)) {
                List<String> before = new ArrayList<>(List.of("pull"));
                before.addAll(given);
                before.add("localhost:5000/app:1");
                List<String> after = new ArrayList<>(List.of("pull", "localhost:5000/app:1"));
                after.addAll(given);
                if (!sameAsPicocli(before) || !sameAsPicocli(after)) {
                    stepsAside.add(String.join(" ", given));
                }
            }
        }
        assertEquals(List.of(), stepsAside, "pull options QuickLine leaves to picocli");
    }

    @Test
    void commonRunLinesAreReadAsPicocliReadsThem() throws Exception {
        for (String line : List.of(
                "run --rm busybox true",
                "run -it --rm busybox sh",
                "run -dit --name web -p 8080:80 -p 8443:443 -e A=1 -e B=2 -v /tmp:/data:ro busybox httpd -f",
                "--root /tmp/r run --rm --network host busybox true",
                "run --root=/tmp/r --rm busybox true",
                "run --entrypoint '' busybox",
                "run --env=A=B=C --name=x --cpus 1.5 --pids-limit 10 -m 64m busybox",
                "run -h box -w /tmp -u 1000:1000 busybox id",
                "run -- busybox --rm",
                "run busybox -it --rm",
                "run --security-opt seccomp=unconfined --cap-add ALL --cap-drop NET_RAW --init --trace busybox",
                "run -",
                "run --name= busybox")) {
            List<String> args = words(line);
            assertTrue(sameAsPicocli(args), "QuickLine stepped aside for: " + line);
        }
    }

    @Test
    void stepsAsideWhereOnlyPicocliKnowsWhatToSay() {
        for (String line : List.of(
                "run --help busybox",
                "run",
                "run --rm",
                "run --rm --rm busybox",
                "run --name a --name b busybox",
                "run --no-such-option busybox",
                "run -x busybox",
                "run --name",
                "run --name --rm busybox",
                "run --pids-limit -1 busybox",
                "run --cpus 1e3 busybox",
                "run --rm=true busybox",
                "run -eA=1 busybox",
                "run -itz busybox",
                "--root a run --root b busybox",
                "--version",
                "--help run",
                "images",
                "pull",
                "pull a b",
                "pull -h a",
                "pull --max-concurrent-downloads -2 a",
                "pull -q -q a")) {
            assertNull(QuickLine.read(words(line).toArray(String[]::new)), "QuickLine read: " + line);
        }
    }

    @Test
    void theQuickPathRunsTheCommandAndReportsItsErrorsAsPicocliWould(@TempDir Path root) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Not a valid reference, so not pulled: the store does not have it, and says so.
        Integer code = QuickLine.run(new String[] {"--root", root.toString(), "run", "--rm", "--network", "none",
                "No-Such-Image"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertNotNull(code);
        assertEquals(ErrorHandler.FAILURE, code);
        assertTrue(err.toString().startsWith("foxbox: ") && err.toString().contains("No-Such-Image"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertEquals("", out.toString());
    }

    /** Each way of giving {@code option}: every name, and for options with values both forms. */
    private static List<List<String>> forms(OptionSpec option) {
        List<List<String>> forms = new ArrayList<>();
        String value = sample(option);
        for (String name : option.names()) {
            if (option.arity().max() == 0) {
                forms.add(List.of(name));
            } else {
                forms.add(List.of(name, value));
                if (name.startsWith("--")) {
                    forms.add(List.of(name + "=" + value));
                }
            }
        }
        return forms;
    }

    private static String sample(OptionSpec option) {
        Class<?> type = option.type();
        if (type == int.class || type == long.class) {
            return "7";
        }
        if (type == double.class) {
            return "1.5";
        }
        return option.longestName().equals("--network") ? "host" : "some/value:1=2";
    }

    /** Reads {@code args} with picocli and with QuickLine; true when QuickLine read them, and the same. */
    private static boolean sameAsPicocli(List<String> args) throws Exception {
        String[] array = args.toArray(String[]::new);
        QuickLine.Parsed quick = QuickLine.read(array);
        if (quick == null) {
            return false;
        }
        CommandLine cli = picocli(array);
        cli.parseArgs(array);
        String command = array[Arrays.asList(array).indexOf(quick.command() instanceof RunCommand ? "run" : "pull")];
        Object expected = cli.getSubcommands().get(command).getCommand();
        assertEquals(((FoxboxCommand) cli.getCommand()).root, quick.root(), "--root in " + args);
        assertSameFields(expected, quick.command(), args);
        return true;
    }

    private static void assertSameFields(Object expected, Object actual, List<String> args) throws Exception {
        for (Field f : expected.getClass().getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getName().equals("spec")) {
                continue;
            }
            f.setAccessible(true);
            Object e = f.get(expected);
            Object a = f.get(actual);
            if (e instanceof BoxOptions) {
                assertSameFields(e, a, args);
            } else {
                assertTrue(Objects.equals(e, a), f.getName() + ": picocli read " + e + ", QuickLine " + a + ", in " + args);
            }
        }
    }

    private static CommandLine picocli(String... args) {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    /** Splits on spaces; '' is the empty word. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        for (String w : line.split(" ")) {
            words.add(w.equals("''") ? "" : w);
        }
        return words;
    }
}
