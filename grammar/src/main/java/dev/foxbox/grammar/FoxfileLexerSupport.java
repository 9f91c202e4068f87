package dev.foxbox.grammar;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The context-sensitive half of {@link FoxfileLexer}: what a token means in a Dockerfile can
 * depend on the lines before it, which lexer rules alone cannot see.
 *
 * <ul>
 *   <li>The escape character is {@code \} unless a {@code # escape=`} directive at the very top
 *       of the file says backtick. Directives are comments read before any instruction, other
 *       comment or blank line; after that, {@code # escape=} is an ordinary comment.</li>
 *   <li>Quote state: a heredoc marker inside quotes is text, and inside single quotes the escape
 *       character escapes nothing (it still continues a line, as docker joins lines before it
 *       looks at quotes).</li>
 *   <li>Heredocs: a marker ({@code <<EOF}) in a RUN, COPY or ADD line (or an ONBUILD of one)
 *       makes the lines after it the heredoc's body, read raw up to the terminator line, one body
 *       per marker in the order they were named.</li>
 * </ul>
 *
 * <p>{@code DIRECTIVE} and the heredoc token types are declared in the grammar's {@code tokens}
 * block, so their constants are on {@link FoxfileParser}; the lexer shares its vocabulary.
 */
final class FoxfileLexerSupport {

    /** docker's parser directive form: {@code # key=value}, key a letter then letters and digits. */
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*");
    private static final Set<String> DIRECTIVES = Set.of("escape", "syntax");
    /** The instructions docker reads heredocs for. */
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");

    private final FoxfileLexer lexer;
    private int escape = '\\';
    private boolean escapeSet;
    private boolean directivesOpen = true;
    private boolean lineHasDirective;
    /** 0 outside quotes, else the quote character that opened them. */
    private int quote;
    private String keyword;
    private String onbuildKeyword;
    private final Deque<HeredocMarker> pending = new ArrayDeque<>();
    private boolean readingHeredocs;

    FoxfileLexerSupport(FoxfileLexer lexer) {
        this.lexer = lexer;
    }

    Token nextToken() {
        CharStream in = lexer.getInputStream();
        if (readingHeredocs && in.LA(1) != IntStream.EOF) {
            return heredocLine(in);
        }
        Token token = lexer.ruleToken();
        classify((WritableToken) token);
        return token;
    }

    boolean isEscapeAt(int index) {
        return charAt(index) == escape;
    }

    boolean atLineStart(int index) {
        for (int i = index - 1; i >= 0; i--) {
            int c = charAt(i);
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** A heredoc marker is a whole word, outside quotes, in an instruction that reads heredocs. */
    boolean heredocMayStartAt(int index) {
        if (quote != 0 || keyword == null) {
            return false;
        }
        boolean allowed = HEREDOC_INSTRUCTIONS.contains(keyword)
                || ("ONBUILD".equals(keyword) && onbuildKeyword != null && HEREDOC_INSTRUCTIONS.contains(onbuildKeyword));
        if (!allowed) {
            return false;
        }
        int before = index == 0 ? '\n' : charAt(index - 1);
        return before == ' ' || before == '\t' || before == '\n';
    }

    boolean inSingleQuotes() {
        return quote == '\'';
    }

    private void classify(WritableToken token) {
        int type = token.getType();
        if (type == FoxfileLexer.WS || type == Token.EOF) {
            return;
        }
        if (type == FoxfileLexer.COMMENT) {
            if (directivesOpen && isDirective(token.getText())) {
                token.setType(FoxfileParser.DIRECTIVE);
                lineHasDirective = true;
            } else {
                directivesOpen = false;
            }
            return;
        }
        if (type == FoxfileLexer.NEWLINE) {
            directivesOpen &= lineHasDirective;
            lineHasDirective = false;
            quote = 0;
            keyword = null;
            onbuildKeyword = null;
            readingHeredocs = !pending.isEmpty();
            return;
        }
        directivesOpen = false;
        if (type == FoxfileLexer.QUOTE) {
            int c = token.getText().charAt(0);
            if (quote == 0) {
                quote = c;
            } else if (quote == c) {
                quote = 0;
            }
        } else if (type == FoxfileLexer.WORD && quote == 0) {
            String word = token.getText().toUpperCase(Locale.ROOT);
            if (keyword == null) {
                keyword = word;
            } else if ("ONBUILD".equals(keyword) && onbuildKeyword == null) {
                onbuildKeyword = word;
            }
        } else if (type == FoxfileLexer.HEREDOC_START) {
            HeredocMarker marker = HeredocMarker.parse(token.getText());
            if (marker == null) {
                // Lexically a marker, but docker's stricter reading says text (a quoted '<' in the name).
                token.setType(FoxfileLexer.WORD);
            } else {
                pending.add(marker);
            }
        }
    }

    /** Whether a top-of-file comment is a directive; a valid escape directive takes effect at once. */
    private boolean isDirective(String comment) {
        Matcher m = DIRECTIVE.matcher(comment);
        if (!m.matches() || !DIRECTIVES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            return false;
        }
        String value = m.group(2);
        if (m.group(1).equalsIgnoreCase("escape") && !escapeSet && (value.equals("\\") || value.equals("`"))) {
            escape = value.charAt(0);
            escapeSet = true;
        }
        return true;
    }

    /** Reads one raw line of a heredoc body; the terminator line becomes HEREDOC_END. */
    private Token heredocLine(CharStream in) {
        int start = in.index();
        int line = lexer.getLine();
        int column = lexer.getCharPositionInLine();
        StringBuilder text = new StringBuilder();
        while (in.LA(1) != IntStream.EOF) {
            int c = in.LA(1);
            lexer.getInterpreter().consume(in);
            text.appendCodePoint(c);
            if (c == '\n') {
                break;
            }
        }
        HeredocMarker marker = pending.element();
        boolean end = marker.isTerminator(text.toString());
        if (end) {
            pending.remove();
            readingHeredocs = !pending.isEmpty();
        }
        return lexer.getTokenFactory().create(new Pair<>(lexer, in),
                end ? FoxfileParser.HEREDOC_END : FoxfileParser.HEREDOC_LINE, text.toString(),
                Token.DEFAULT_CHANNEL, start, in.index() - 1, line, column);
    }

    private int charAt(int index) {
        String s = lexer.getInputStream().getText(Interval.of(index, index));
        return s.isEmpty() ? IntStream.EOF : s.codePointAt(0);
    }
}
