package dev.foxbox.build.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.build.foxfile.Command;
import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.build.foxfile.FoxfileDump;
import dev.foxbox.build.foxfile.FoxfileException;
import dev.foxbox.build.foxfile.Healthcheck;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.build.foxfile.OnBuild;
import dev.foxbox.build.foxfile.Run;
import dev.foxbox.build.foxfile.SourceLocation;
import dev.foxbox.image.model.ContainerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader's API beyond the golden files: error forms, locations, and robustness. */
class FoxfileReaderTest {

    @Test
    void oneLineMessageAndCaretForm() {
        FoxfileException e = assertThrows(FoxfileException.class,
                () -> FoxfileReader.parse("app/Dockerfile", "FROM alpine\nCOPY --from=a \\\n\t--chwn=x a b\n"));
        assertEquals("app/Dockerfile:3:2: unknown flag: --chwn (COPY accepts --chmod, --chown, --from, --link)",
                e.getMessage());
        assertEquals(e.getMessage() + "\n\t--chwn=x a b\n\t^", e.withSource());
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void locationsCarryTheJoinedTextForStepOutput() {
        Foxfile f = FoxfileReader.parse("Foxfile", "FROM alpine\n  RUN apk add \\\n# comment\n      curl\n");
        SourceLocation l = f.stages().get(0).instructions().get(0).location();
        assertEquals(new SourceLocation("Foxfile", 2, 3, 4, "RUN apk add       curl"), l);
        assertEquals("Foxfile:2:3", l.toString());
    }

    @Test
    void stagesByNameOrIndex() {
        Foxfile f = FoxfileReader.parse("Foxfile", "FROM a AS Build\nFROM b\n");
        assertEquals("build", f.stage("BUILD").orElseThrow().name());
        assertEquals(1, f.stage("1").orElseThrow().index());
        assertTrue(f.stage("2").isEmpty());
        assertEquals("1", f.lastStage().displayName());
    }

    @Test
    void commandsAndHealthchecksForTheImageConfig() {
        Foxfile f = FoxfileReader.parse("Foxfile", "FROM a\nRUN echo hi\n"
                + "HEALTHCHECK --interval=5s --retries=2 CMD [\"check\", \"-q\"]\nHEALTHCHECK CMD curl x\nHEALTHCHECK NONE\n");
        List<Instruction> is = f.stages().get(0).instructions();
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), ((Run) is.get(0)).command().argv(List.of("/bin/sh", "-c")));
        assertEquals(new ContainerConfig.Healthcheck(List.of("CMD", "check", "-q"), Duration.ofSeconds(5), null, null,
                null, 2), ((Healthcheck) is.get(1)).toConfig());
        assertEquals(List.of("CMD-SHELL", "curl x"), ((Healthcheck) is.get(2)).toConfig().test());
        assertEquals(List.of("NONE"), ((Healthcheck) is.get(3)).toConfig().test());
        assertEquals(List.of("a"), new Command.Exec(List.of("a")).argv(List.of("/bin/sh", "-c")));
    }

    @Test
    void instructionsAreImmutable() {
        Foxfile f = FoxfileReader.parse("Foxfile", "FROM a\nRUN x\n");
        assertThrows(UnsupportedOperationException.class, () -> f.stages().get(0).instructions().clear());
        assertThrows(UnsupportedOperationException.class, () -> f.stages().clear());
    }

    @Test
    void onbuildExpressionsParseBackToTheirTriggers() {
        Foxfile f = FoxfileReader.parse("Foxfile", "FROM a\nONBUILD RUN <<EOF\necho $HOME\nEOF\n"
                + "ONBUILD COPY --chown=app . /app\nonbuild env A=1 B=\"two words\"\n");
        for (Instruction i : f.stages().get(0).instructions()) {
            OnBuild o = (OnBuild) i;
            List<Instruction> back = FoxfileReader.parseInstructions("ONBUILD", o.expression());
            assertEquals(1, back.size());
            assertEquals(withoutLocation(o.trigger()), withoutLocation(back.get(0)));
        }
    }

    private static String withoutLocation(Instruction i) {
        return FoxfileDump.instruction(i).replaceFirst("^\\d+:\\d+ ", "");
    }

    /** Any input is a Foxfile or a FoxfileException, never another exception. */
    @Test
    void arbitraryInputNeverCrashesTheReader() {
        String[] pieces = {"FROM a\n", "RUN ", "COPY ", "ENV ", "ARG ", "ONBUILD ", "HEALTHCHECK ", "LABEL ", "\\\n",
                "`\n", "# escape=`\n", "<<EOF", "<<-E", "\nEOF\n", "\tE\n", "\"", "'", "[", "]", "\"a\",", "=", " ",
                "\t", "\n", "#", "$", "${", "}", "--from=", "--", "x", "\r\n", "\uFEFF", "CMD [\"a\"]\n", "\\"};
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(25);
            for (int j = 0; j < n; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            try {
                FoxfileReader.parse("Foxfile", text.toString());
            } catch (FoxfileException expected) {
                assertTrue(expected.line() >= 1 && expected.column() >= 1, expected.getMessage());
                // The grammar accepts every token sequence: errors come from docker's rules, never ANTLR.
                assertFalse(expected.reason().startsWith("syntax error:"),
                        expected.getMessage() + " on " + text.toString().replace("\n", "\\n"));
            } catch (RuntimeException e) {
                throw new AssertionError("crashed on " + text.toString().replace("\n", "\\n"), e);
            }
        }
    }
}
