package dev.foxbox.build.parse;

import dev.foxbox.grammar.FoxfileBaseVisitor;
import dev.foxbox.grammar.FoxfileParser;
import dev.foxbox.grammar.HeredocMarker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Walks the parse tree once and turns each instruction into a {@link LogicalLine}, reading the
 * parser directives on the way. This is the only class that sees the parse tree; what it hands on
 * is plain text with positions.
 */
final class LineCollector extends FoxfileBaseVisitor<Void> {

    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*");

    private final SourceText source;
    private final List<LogicalLine> lines = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> directivesSeen = new HashSet<>();
    private char escape = '\\';
    private String syntax;

    LineCollector(SourceText source) {
        this.source = source;
    }

    List<LogicalLine> lines() {
        return lines;
    }

    List<String> warnings() {
        return warnings;
    }

    char escape() {
        return escape;
    }

    String syntax() {
        return syntax;
    }

    @Override
    public Void visitCommentLine(FoxfileParser.CommentLineContext ctx) {
        if (ctx.DIRECTIVE() != null) {
            directive(ctx.DIRECTIVE().getSymbol());
        }
        return null;
    }

    private void directive(Token token) {
        Matcher m = DIRECTIVE.matcher(token.getText());
        if (!m.matches()) {
            throw new IllegalStateException("the lexer made a directive of " + token.getText());
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        String value = m.group(2);
        if (!directivesSeen.add(key)) {
            throw source.error(token.getLine(), token.getCharPositionInLine() + 1,
                    "only one " + key + " parser directive can be used");
        }
        if (key.equals("escape")) {
            if (!value.equals("\\") && !value.equals("`")) {
                throw source.error(token.getLine(), token.getCharPositionInLine() + 1,
                        "invalid escape token '" + value + "' does not match ` or \\");
            }
            escape = value.charAt(0);
        } else {
            syntax = value;
        }
    }

    @Override
    public Void visitInstruction(FoxfileParser.InstructionContext ctx) {
        List<Token> tokens = new ArrayList<>();
        collect(ctx, tokens);
        StringBuilder text = new StringBuilder();
        List<int[]> positions = new ArrayList<>();
        List<HeredocMarker> markers = new ArrayList<>();
        List<int[]> markerSpans = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        boolean seenNewline = false;
        boolean emptyContinuation = false;
        int endLine = ctx.start.getLine();
        for (Token t : tokens) {
            endLine = Math.max(endLine, t.getLine());
            int type = t.getType();
            if (type == Token.EOF) {
                continue;
            }
            if (type == FoxfileParser.HEREDOC_LINE) {
                body.append(t.getText());
            } else if (type == FoxfileParser.HEREDOC_END) {
                bodies.add(body.toString());
                body.setLength(0);
            } else if (type == FoxfileParser.NEWLINE) {
                seenNewline = true;
            } else if (seenNewline || type == FoxfileParser.COMMENT || (type == FoxfileParser.WS && text.length() == 0)) {
                continue;
            } else if (type == FoxfileParser.CONTINUATION) {
                emptyContinuation |= hasBlankLine(t.getText());
                endLine = Math.max(endLine, t.getLine() + (int) t.getText().chars().filter(c -> c == '\n').count());
            } else {
                if (type == FoxfileParser.HEREDOC_START) {
                    markers.add(HeredocMarker.parse(t.getText()));
                    markerSpans.add(new int[] {text.length(), t.getText().length()});
                }
                append(t, text, positions);
            }
        }
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        String joined = text.substring(0, end);
        int[] lineOf = new int[end + 1];
        int[] columnOf = new int[end + 1];
        for (int i = 0; i < end; i++) {
            lineOf[i] = positions.get(i)[0];
            columnOf[i] = positions.get(i)[1];
        }
        lineOf[end] = end > 0 ? lineOf[end - 1] : ctx.start.getLine();
        columnOf[end] = end > 0 ? columnOf[end - 1] + 1 : ctx.start.getCharPositionInLine() + 1;
        List<LogicalLine.Body> heredocs = new ArrayList<>();
        for (int i = 0; i < markers.size(); i++) {
            boolean terminated = i < bodies.size();
            String content = terminated ? bodies.get(i) : i == bodies.size() ? body.toString() : "";
            heredocs.add(new LogicalLine.Body(markers.get(i), markerSpans.get(i)[0], markerSpans.get(i)[1], content,
                    terminated));
        }
        if (emptyContinuation) {
            warnings.add(source.file() + ":" + lineOf[0] + ": empty continuation line (docker deprecates these; "
                    + "end the previous line without " + escape + " or remove the blank line)");
        }
        lines.add(new LogicalLine(source, joined, lineOf, columnOf, endLine, heredocs));
        return null;
    }

    private static void append(Token t, StringBuilder text, List<int[]> positions) {
        String s = t.getText();
        int line = t.getLine();
        int column = t.getCharPositionInLine() + 1;
        for (int i = 0; i < s.length(); i++) {
            positions.add(new int[] {line, column});
            text.append(s.charAt(i));
            if (!Character.isHighSurrogate(s.charAt(i))) {
                column++;
            }
        }
    }

    /** Whether a continuation swallowed a line with nothing on it (a comment line is not blank). */
    private static boolean hasBlankLine(String continuation) {
        String[] parts = continuation.split("\n", -1);
        for (int i = 1; i < parts.length - 1; i++) {
            if (parts[i].isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static void collect(ParseTree tree, List<Token> into) {
        if (tree instanceof TerminalNode leaf) {
            into.add(leaf.getSymbol());
            return;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            collect(tree.getChild(i), into);
        }
    }
}
