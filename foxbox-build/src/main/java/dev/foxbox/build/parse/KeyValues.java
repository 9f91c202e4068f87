package dev.foxbox.build.parse;

import dev.foxbox.build.foxfile.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ENV and LABEL pairs, and ARG declarations, split as docker splits them. Values keep their
 * quotes: expansion, at build time, removes them.
 */
final class KeyValues {

    private KeyValues() {
    }

    /**
     * {@code KEY=value ...}, or docker's legacy {@code KEY value with spaces} when the first word
     * has no {@code =}.
     */
    static List<Map.Entry<String, String>> pairs(Args a, char escape) {
        a.requireSome();
        String text = a.line().text();
        List<Word> words = Word.splitQuoted(text, a.from(), a.to(), escape);
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (words.isEmpty()) {
            throw a.line().error(a.keywordOffset(), a.keyword() + " requires at least one argument");
        }
        if (!words.get(0).text().contains("=")) {
            int keyEnd = a.from();
            while (keyEnd < a.to() && !Word.isBlank(text.charAt(keyEnd))) {
                keyEnd++;
            }
            Args value = a.narrow(keyEnd, a.to());
            if (value.isEmpty()) {
                throw a.line().error(a.keywordOffset(), a.keyword() + " must have two arguments: "
                        + a.keyword() + " key=value (or the legacy " + a.keyword() + " key value)");
            }
            pairs.add(Map.entry(text.substring(a.from(), keyEnd), value.text()));
            return pairs;
        }
        for (Word w : words) {
            int eq = w.text().indexOf('=');
            if (eq < 0) {
                throw a.line().error(w.offset(), "syntax error - can't find = in \"" + w.text()
                        + "\". Must be of the form: name=value");
            }
            if (eq == 0) {
                throw a.line().error(w.offset(), a.keyword() + " names can not be blank");
            }
            pairs.add(Map.entry(w.text().substring(0, eq), w.text().substring(eq + 1)));
        }
        return pairs;
    }

    /** {@code ARG name[=default] ...}. */
    static List<Arg.Declaration> declarations(Args a, char escape) {
        a.requireSome();
        List<Arg.Declaration> declarations = new ArrayList<>();
        for (Word w : Word.splitQuoted(a.line().text(), a.from(), a.to(), escape)) {
            int eq = w.text().indexOf('=');
            if (eq == 0 || w.text().isEmpty()) {
                throw a.line().error(w.offset(), "ARG names can not be blank");
            }
            declarations.add(eq < 0 ? new Arg.Declaration(w.text(), null)
                    : new Arg.Declaration(w.text().substring(0, eq), w.text().substring(eq + 1)));
        }
        return declarations;
    }
}
