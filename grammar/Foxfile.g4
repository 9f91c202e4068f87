/*
 * Foxfile: the physical structure of a Foxfile, which is a Dockerfile, so that existing
 * Dockerfiles build unchanged.
 *
 * This grammar finds where each instruction begins and ends: blank lines, comments, the parser
 * directives at the top (# escape=, # syntax=), instructions continued over several lines with
 * the escape character (comment and blank lines inside a continuation are dropped, as docker
 * drops them), and heredoc bodies (RUN <<EOF, COPY <<EOF /file). What an instruction's
 * arguments mean differs per instruction in docker (JSON or shell form, key=value pairs,
 * --flags), so dev.foxbox.build.parse reads the arguments of each instruction after this
 * grammar has delimited them, as BuildKit's frontend/dockerfile/parser does.
 *
 * Three things here depend on what came before, which a context-free lexer cannot know; the
 * predicates and token classification for them live in FoxfileLexerSupport:
 *  - the escape character, \ or a backtick, set by the "# escape=" directive;
 *  - whether the lexer is inside quotes (a heredoc marker inside quotes is not one, and the
 *    escape character means nothing inside single quotes);
 *  - heredoc bodies: after the line that holds <<NAME, every line up to NAME belongs to the
 *    heredoc, whatever it looks like.
 *
 * The parser never fails on any input: every character lexes to some token, and every token
 * sequence is a sequence of lines. Errors (an unknown instruction, a bad flag, an unterminated
 * heredoc) are found by dev.foxbox.build.parse, which knows the line and column of each token.
 */
grammar Foxfile;

// Made by FoxfileLexerSupport rather than by lexer rules: a DIRECTIVE is a COMMENT at the top
// of the file that names a known directive; heredoc lines are read raw.
tokens { DIRECTIVE, HEREDOC_LINE, HEREDOC_END }

@lexer::members {
    private final FoxfileLexerSupport support = new FoxfileLexerSupport(this);

    /** Classifies each token by context (directives, quotes, heredocs); see FoxfileLexerSupport. */
    @Override
    public Token nextToken() {
        return support.nextToken();
    }

    /** The token the lexer rules match, before FoxfileLexerSupport classifies it. */
    Token ruleToken() {
        return super.nextToken();
    }

    private boolean isEscape() {
        return support.isEscapeAt(_tokenStartCharIndex);
    }

    private boolean atLineStart() {
        return support.atLineStart(_tokenStartCharIndex);
    }

    private boolean heredocMayStart() {
        return support.heredocMayStartAt(_tokenStartCharIndex);
    }

    private boolean inSingleQuotes() {
        return support.inSingleQuotes();
    }
}

// ---------------------------------------------------------------------------------------------
// Parser: a Foxfile is a sequence of lines.

foxfile
    : (blankLine | commentLine | instruction)* EOF
    ;

blankLine
    : WS? NEWLINE
    ;

commentLine
    : WS? (COMMENT | DIRECTIVE) NEWLINE
    ;

// An instruction runs to the first newline that no escape character continues (or to the end
// of the file, when its last line is continued). Docker takes the first word of the joined line
// as the instruction's name, so any token may begin one. Heredoc bodies follow the line that
// named them, in the order they were named; at the end of the file a body may lack its
// terminator, which the parse package reports.
instruction
    : WS? head (WS | part)* (NEWLINE heredoc* unterminatedHeredoc? | EOF)
    ;

head
    : WORD | QUOTE | ESCAPED | ESCAPE_CHAR | CONTINUATION | HEREDOC_START
    ;

// A COMMENT here is a comment line after a continuation that ends the file without a newline.
part
    : head | COMMENT
    ;

heredoc
    : HEREDOC_LINE* HEREDOC_END
    ;

unterminatedHeredoc
    : HEREDOC_LINE+
    ;

// ---------------------------------------------------------------------------------------------
// Lexer. Rules that can match the same text are ordered: the first wins a tie of length.

// <<EOF, <<-EOF, <<"EOF", 3<<EOF: a whole word, outside quotes, in RUN, COPY or ADD.
HEREDOC_START
    : [0-9]* '<<' '-'? HEREDOC_WORD {heredocMayStart()}?
    ;

// A comment is a line whose first non-blank character is #; a # anywhere else is text.
COMMENT
    : '#' ~[\r\n]* {atLineStart()}?
    ;

// The escape character at the end of a line (trailing blanks allowed) joins the next line;
// blank lines and comment lines after it are dropped, as docker drops them.
CONTINUATION
    : [\\`] [ \t]* NL ([ \t]* ('#' ~[\r\n]*)? NL)* {isEscape()}?
    ;

// The escape character and the character it escapes, which then does not end a word or a
// quote. Inside single quotes the escape character is an ordinary character.
ESCAPED
    : [\\`] ~[\r\n] {isEscape() && !inSingleQuotes()}?
    ;

// A backslash or backtick that escapes nothing.
ESCAPE_CHAR
    : [\\`]
    ;

QUOTE
    : ["']
    ;

NEWLINE
    : NL
    ;

WS
    : [ \t\f\r\u000B]+
    ;

WORD
    : ~[ \t\f\r\u000B\n"'\\`]+
    ;

fragment NL
    : '\r'? '\n'
    ;

fragment HEREDOC_WORD
    : (~[ \t\f\r\u000B\n<"'\\`] | '"' ~["\r\n]* '"' | '\'' ~['\r\n]* '\'')+
    ;
