package dev.foxbox.build.parse;

import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.build.foxfile.FoxfileException;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.grammar.FoxfileLexer;
import dev.foxbox.grammar.FoxfileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/**
 * The way in: reads a Foxfile (a Dockerfile) into a {@link Foxfile} of typed instructions, or
 * fails with a {@link FoxfileException} that says {@code file:line:col} and what is wrong.
 *
 * <p>Three steps: ANTLR's lexer and parser (the grammar in the {@code grammar} module) find the
 * lines, continuations and heredocs; {@link LineCollector} joins each instruction's lines;
 * {@link InstructionParser} reads each instruction's arguments with docker's rules and
 * {@link StageAssembler} groups them into stages. Nothing of ANTLR's leaves this package.
 */
public final class FoxfileReader {

    private FoxfileReader() {
    }

    /** Reads {@code file}; errors name it as {@code displayName} (what the user typed, say). */
    public static Foxfile read(Path file, String displayName) throws IOException {
        return parse(displayName, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads {@code file}; errors name it by its file name. */
    public static Foxfile read(Path file) throws IOException {
        return read(file, file.getFileName().toString());
    }

    /**
     * Parses a Foxfile's text.
     *
     * @param file the name errors use
     * @throws FoxfileException at the first error, as docker stops at the first
     */
    public static Foxfile parse(String file, String text) {
        SourceText source = source(file, text);
        LineCollector lines = collect(source);
        InstructionParser instructions = new InstructionParser(lines.escape());
        StageAssembler stages = new StageAssembler();
        boolean any = false;
        for (LogicalLine line : lines.lines()) {
            if (line.text().isEmpty()) {
                continue;
            }
            any = true;
            stages.add(instructions.parse(line), line);
        }
        return stages.finish(source, lines.escape(), lines.syntax(), lines.warnings(), any);
    }

    /**
     * Parses instructions that are not a whole Foxfile: the ONBUILD triggers a base image carries
     * (its config's {@code OnBuild} entries, one instruction each, heredocs included), which the
     * build that uses the image runs after its FROM. No stage rules apply.
     *
     * @param file the name errors use, e.g. {@code "ONBUILD of alpine:3.19"}
     */
    public static List<Instruction> parseInstructions(String file, String text) {
        LineCollector lines = collect(source(file, text));
        InstructionParser parser = new InstructionParser(lines.escape());
        List<Instruction> out = new ArrayList<>();
        for (LogicalLine line : lines.lines()) {
            if (!line.text().isEmpty()) {
                out.add(parser.parse(line));
            }
        }
        return List.copyOf(out);
    }

    private static SourceText source(String file, String text) {
        return new SourceText(file, text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /** Runs ANTLR's lexer and parser and joins each instruction's lines. */
    private static LineCollector collect(SourceText source) {
        String body = source.text();
        // Every line ends with a newline, so that the last instruction ends like the others.
        String input = body.endsWith("\n") ? body : body + "\n";
        FoxfileLexer lexer = new FoxfileLexer(CharStreams.fromString(input, source.file()));
        FoxfileParser parser = new FoxfileParser(new CommonTokenStream(lexer));
        lexer.removeErrorListeners();
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object symbol, int line, int column, String msg,
                                    RecognitionException e) {
                // The grammar accepts every token sequence; reaching here is a bug in it.
                throw source.error(line, column + 1, "syntax error: " + msg);
            }
        });
        LineCollector lines = new LineCollector(source);
        lines.visit(parser.foxfile());
        return lines;
    }
}
