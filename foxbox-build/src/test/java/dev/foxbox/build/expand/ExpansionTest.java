package dev.foxbox.build.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.build.foxfile.Copy;
import dev.foxbox.build.foxfile.Env;
import dev.foxbox.build.foxfile.Expose;
import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.build.foxfile.FoxfileException;
import dev.foxbox.build.foxfile.From;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.build.foxfile.Label;
import dev.foxbox.build.foxfile.Stage;
import dev.foxbox.build.foxfile.Workdir;
import dev.foxbox.build.parse.FoxfileReader;
import dev.foxbox.image.model.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which words docker expands, with which variables: global ARGs, stage ARGs, ENV, build args. */
class ExpansionTest {

    private static final BuildArgs NONE = BuildArgs.of(Map.of(), Platform.parse("linux/arm64"),
            Platform.parse("linux/amd64"));

    /** A stage run through the builder's loop: each instruction expanded, then applied to the scope. */
    private record Run(Scope scope, List<Instruction> steps) {
    }

    private static Run run(Foxfile foxfile, int stage, BuildArgs args, List<String> imageEnv) {
        Stage s = foxfile.stages().get(stage);
        Scope scope = Scope.global(foxfile, args).stage(imageEnv);
        List<Instruction> steps = new ArrayList<>();
        for (Instruction raw : s.instructions()) {
            Instruction step = Expansion.apply(raw, scope);
            steps.add(step);
            scope = scope.with(step);
        }
        return new Run(scope, steps);
    }

    private static Foxfile parse(String text) {
        return FoxfileReader.parse("Foxfile", text);
    }

    private static From from(Foxfile f, int stage, BuildArgs args) {
        return (From) Expansion.apply(f.stages().get(stage).from(), Scope.global(f, args));
    }

    @Test
    void fromUsesGlobalArgsAndBuildArgs() {
        Foxfile f = parse("ARG TAG=3.19\nARG REG\nARG IMAGE=alpine:$TAG\nFROM ${REG:-docker.io}/$IMAGE AS base\n");
        assertEquals("docker.io/alpine:3.19", from(f, 0, NONE).image());
        BuildArgs args = BuildArgs.of(Map.of("TAG", "3.20", "REG", "localhost:5000"), Platform.host(), Platform.host());
        assertEquals("localhost:5000/alpine:3.20", from(f, 0, args).image());
        assertEquals("base", from(f, 0, args).stageName());
    }

    @Test
    void fromSeesPlatformArgsWithoutDeclaring() {
        Foxfile f = parse("FROM --platform=$BUILDPLATFORM golang AS build\nFROM alpine:$TARGETARCH\n");
        assertEquals("linux/amd64", from(f, 0, NONE).platform());
        assertEquals("alpine:arm64", from(f, 1, NONE).image());
    }

    @Test
    void stageArgInheritsGlobalValueOnlyOnceDeclared() {
        Foxfile f = parse("ARG V=1\nFROM x\nWORKDIR /a$V\nARG V\nWORKDIR /b$V\n");
        Run r = run(f, 0, NONE, List.of());
        assertEquals("/a", ((Workdir) r.steps().get(0)).path());
        assertEquals("/b1", ((Workdir) r.steps().get(2)).path());
    }

    @Test
    void platformArgsInAStageNeedAnArg() {
        Foxfile f = parse("FROM x\nWORKDIR /$TARGETARCH\nARG TARGETARCH TARGETPLATFORM TARGETVARIANT\n");
        Run r = run(f, 0, NONE, List.of());
        assertEquals("/", ((Workdir) r.steps().get(0)).path());
        assertEquals("arm64", r.scope().lookup("TARGETARCH"));
        assertEquals("linux/arm64", r.scope().lookup("TARGETPLATFORM"));
        assertEquals("", r.scope().lookup("TARGETVARIANT"));
    }

    @Test
    void envWinsOverArgAndBuildArgsWinOverDefaults() {
        Foxfile f = parse("FROM x\nARG A=arg B=default\nENV A=env\nWORKDIR /$A/$B\n");
        BuildArgs args = BuildArgs.of(Map.of("B", "given"), Platform.host(), Platform.host());
        Run r = run(f, 0, args, List.of());
        assertEquals("/env/given", ((Workdir) r.steps().get(2)).path());
    }

    @Test
    void oneEnvLineExpandsWithTheVariablesBeforeIt() {
        Foxfile f = parse("FROM x\nENV X=1\nENV X=2 Y=$X\n");
        Run r = run(f, 0, NONE, List.of());
        assertEquals(List.of(Map.entry("X", "2"), Map.entry("Y", "1")), ((Env) r.steps().get(1)).variables());
    }

    @Test
    void argDefaultsAndEnvValuesSeeTheBaseImageEnvironment() {
        Foxfile f = parse("FROM x\nENV PATH=/opt/bin:$PATH\nARG DIR=\"$HOME/app dir\"\nWORKDIR $DIR\n");
        Run r = run(f, 0, NONE, List.of("PATH=/usr/bin", "HOME=/root"));
        assertEquals("/opt/bin:/usr/bin", r.scope().lookup("PATH"));
        assertEquals("/root/app dir", ((Workdir) r.steps().get(2)).path());
    }

    @Test
    void runCmdEntrypointShellHealthcheckAndOnbuildAreLeftToTheShell() {
        Foxfile f = parse("FROM x\nENV X=1\nRUN echo $X\nCMD echo $X\nENTRYPOINT [\"$X\"]\n"
                + "SHELL [\"$X\"]\nHEALTHCHECK CMD $X\nONBUILD WORKDIR $X\nMAINTAINER $X\n");
        Stage s = f.stages().get(0);
        Run r = run(f, 0, NONE, List.of());
        for (int i = 1; i < s.instructions().size(); i++) {
            assertSame(s.instructions().get(i), r.steps().get(i), s.instructions().get(i).keyword());
        }
    }

    @Test
    void copyWordsAndUnquotedHeredocsExpand() {
        Foxfile f = parse("FROM x\nARG U=app SRC=\"my dir\" STAGE=build\n"
                + "COPY --from=$STAGE --chown=$U:$U --chmod=${MODE:-644} \"$SRC\" /home/$U/\n"
                + "COPY <<EOF <<\"RAW\" /etc/\nuser=$U\nEOF\nuser=$U\nRAW\n");
        Run r = run(f, 0, NONE, List.of());
        Copy c = (Copy) r.steps().get(1);
        assertEquals(List.of("my dir"), c.sources());
        assertEquals("/home/app/", c.destination());
        assertEquals("build", c.from());
        assertEquals("app:app", c.chown());
        assertEquals("644", c.chmod());
        Copy h = (Copy) r.steps().get(2);
        assertEquals("user=app\n", h.heredocs().get(0).content());
        assertEquals("user=$U\n", h.heredocs().get(1).content());
    }

    @Test
    void exposeSplitsAndLabelsLoseTheirQuotes() {
        Foxfile f = parse("FROM x\nARG PORTS=\"80 443/tcp\"\nEXPOSE $PORTS 9000\n"
                + "LABEL \"org.example.name\"=\"my app\" version=$PORTS\n");
        Run r = run(f, 0, NONE, List.of());
        assertEquals(List.of("80", "443/tcp", "9000"), ((Expose) r.steps().get(1)).ports());
        assertEquals(List.of(Map.entry("org.example.name", "my app"), Map.entry("version", "80 443/tcp")),
                ((Label) r.steps().get(2)).labels());
    }

    @Test
    void expansionErrorsPointAtTheInstruction() {
        Foxfile f = parse("FROM x\nENV A=1\nWORKDIR ${oops\n");
        FoxfileException e = assertThrows(FoxfileException.class, () -> run(f, 0, NONE, List.of()));
        assertEquals("Foxfile:3:1: WORKDIR: failed to process \"${oops\": syntax error: missing '}'", e.getMessage());
    }

    @Test
    void anArgNameThatExpandsToNothingIsAnError() {
        Foxfile f = parse("FROM x\nARG $UNSET=1\n");
        FoxfileException e = assertThrows(FoxfileException.class, () -> run(f, 0, NONE, List.of()));
        assertEquals("Foxfile:2:1: ARG: name \"$UNSET\" expands to nothing", e.getMessage());
    }

    @Test
    void runEnvironmentHasArgsAndProxiesButTheImageOnlyEnv() {
        Foxfile f = parse("FROM x\nARG A=1 B\nENV C=3 A=env\n");
        BuildArgs args = BuildArgs.of(Map.of("HTTP_PROXY", "http://proxy:3128", "no_proxy", "localhost"),
                Platform.host(), Platform.host());
        Run r = run(f, 0, args, List.of("PATH=/bin"));
        assertEquals(List.of("PATH=/bin", "C=3", "A=env", "HTTP_PROXY=http://proxy:3128", "no_proxy=localhost"),
                r.scope().environment());
        assertEquals(List.of("PATH=/bin", "C=3", "A=env"), r.scope().imageEnv());
        assertNull(r.scope().args().get("B"));
        assertTrue(r.scope().args().containsKey("B"));
    }

    @Test
    void unusedBuildArgsAreThoseNoArgDeclares() {
        Foxfile f = parse("ARG G\nFROM x\nARG S\nONBUILD ARG O\n");
        BuildArgs args = BuildArgs.of(Map.of("G", "1", "S", "2", "O", "3", "FOO", "4", "HTTPS_PROXY", "p",
                "TARGETARCH", "x"), Platform.host(), Platform.host());
        assertEquals(Set.of("FOO"), args.unused(f));
    }

    @Test
    void buildArgOptionsTakeMissingValuesFromTheEnvironment() {
        assertEquals(Map.of("A", "1", "B", "from-env", "C", ""),
                BuildArgs.parseOptions(List.of("A=1", "B", "C=", "NOT_SET"), Map.of("B", "from-env")));
        assertThrows(IllegalArgumentException.class, () -> BuildArgs.parseOptions(List.of("=x"), Map.of()));
    }

    @Test
    void platformArgsFollowDockerNames() {
        BuildArgs args = BuildArgs.of(Map.of(), Platform.parse("linux/arm/v7"), Platform.parse("linux/x86_64"));
        assertEquals("linux/arm/v7", args.automatic().get("TARGETPLATFORM"));
        assertEquals("v7", args.automatic().get("TARGETVARIANT"));
        assertEquals("amd64", args.automatic().get("BUILDARCH"));
        assertEquals("linux", args.automatic().get("BUILDOS"));
    }
}
