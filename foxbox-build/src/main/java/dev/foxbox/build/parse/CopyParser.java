package dev.foxbox.build.parse;

import static dev.foxbox.build.parse.Flags.Kind.BOOL;
import static dev.foxbox.build.parse.Flags.Kind.STRING;

import dev.foxbox.build.foxfile.Add;
import dev.foxbox.build.foxfile.Copy;
import dev.foxbox.build.foxfile.Heredoc;
import dev.foxbox.grammar.HeredocMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COPY and ADD: sources and a destination, in JSON form (for paths with spaces) or split on
 * blanks; in shell form a source may be a heredoc, which becomes an inline file.
 */
final class CopyParser {

    private static final Map<String, Flags.Kind> COPY_FLAGS =
            Map.of("from", STRING, "chown", STRING, "chmod", STRING, "link", BOOL);
    private static final Map<String, Flags.Kind> ADD_FLAGS =
            Map.of("chown", STRING, "chmod", STRING, "link", BOOL, "checksum", STRING);

    private record Paths(List<String> sources, String destination, List<Heredoc> heredocs) {
    }

    Copy copy(Args a) {
        Flags flags = Flags.parse(a.line(), "COPY", COPY_FLAGS, a.flags());
        Paths p = paths(a);
        return new Copy(p.sources(), p.destination(), flags.string("from"), flags.string("chown"),
                flags.string("chmod"), flags.bool("link"), p.heredocs(), a.line().location(a.keywordOffset()));
    }

    Add add(Args a) {
        Flags flags = Flags.parse(a.line(), "ADD", ADD_FLAGS, a.flags());
        Paths p = paths(a);
        return new Add(p.sources(), p.destination(), flags.string("chown"), flags.string("chmod"),
                flags.bool("link"), flags.string("checksum"), p.heredocs(), a.line().location(a.keywordOffset()));
    }

    private Paths paths(Args a) {
        JsonArray.Result json = JsonArray.read(a.text());
        List<Word> words = new ArrayList<>();
        boolean shellForm = json.kind() == JsonArray.Kind.NOT_JSON;
        switch (json.kind()) {
            case STRINGS -> json.strings().forEach(s -> words.add(new Word(s, a.from())));
            case NOT_STRINGS -> throw a.line().error(a.from(),
                    "when using JSON array syntax, arrays must be comprised of strings only");
            case NOT_JSON -> words.addAll(Word.splitBlanks(a.line().text(), a.from(), a.to()));
            default -> throw new IllegalStateException();
        }
        if (words.isEmpty()) {
            throw a.line().error(a.keywordOffset(), a.keyword() + " requires at least two arguments: SOURCE... DEST");
        }
        if (words.size() == 1) {
            throw a.line().error(a.keywordOffset(), a.keyword() + " requires at least two arguments, but only one was "
                    + "provided. Destination could not be determined");
        }
        Word destination = words.get(words.size() - 1);
        if (shellForm && body(a, destination) != null) {
            throw a.line().error(destination.offset(), a.keyword() + " cannot accept a heredoc as a destination");
        }
        List<String> sources = new ArrayList<>();
        List<Heredoc> heredocs = new ArrayList<>();
        for (Word w : words.subList(0, words.size() - 1)) {
            LogicalLine.Body body = shellForm ? body(a, w) : null;
            if (body != null) {
                heredocs.add(heredoc(body));
            } else {
                sources.add(w.text());
            }
        }
        return new Paths(sources, destination.text(), heredocs);
    }

    /** The heredocs named on a RUN line, in order. */
    static List<Heredoc> heredocs(Args a) {
        return a.line().heredocs().stream().filter(b -> b.offset() >= a.from()).map(CopyParser::heredoc).toList();
    }

    private static Heredoc heredoc(LogicalLine.Body body) {
        HeredocMarker m = body.marker();
        String content = m.chomp() ? HeredocMarker.stripLeadingTabs(body.content()) : body.content();
        return new Heredoc(m.name(), content, m.expand(), m.chomp(), m.fd());
    }

    /** The heredoc whose marker is exactly this word, if any. */
    private static LogicalLine.Body body(Args a, Word w) {
        for (LogicalLine.Body b : a.line().heredocs()) {
            if (b.offset() == w.offset() && b.length() == w.text().length()) {
                return b;
            }
        }
        return null;
    }
}
