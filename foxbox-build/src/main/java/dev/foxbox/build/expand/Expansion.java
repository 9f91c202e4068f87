package dev.foxbox.build.expand;

import dev.foxbox.build.foxfile.Add;
import dev.foxbox.build.foxfile.Arg;
import dev.foxbox.build.foxfile.Copy;
import dev.foxbox.build.foxfile.Env;
import dev.foxbox.build.foxfile.Expose;
import dev.foxbox.build.foxfile.FoxfileException;
import dev.foxbox.build.foxfile.From;
import dev.foxbox.build.foxfile.Heredoc;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.build.foxfile.Label;
import dev.foxbox.build.foxfile.StopSignal;
import dev.foxbox.build.foxfile.User;
import dev.foxbox.build.foxfile.Volume;
import dev.foxbox.build.foxfile.Workdir;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands an instruction's words where docker expands them: ADD, ARG, COPY, ENV, EXPOSE, FROM,
 * LABEL, STOPSIGNAL, USER, VOLUME and WORKDIR. RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK are
 * returned as written (their shell expands them when they run), and so is ONBUILD (its trigger
 * expands in the build that uses the image). A COPY or ADD heredoc is expanded when its marker
 * was not quoted; its {@code expand} flag is then cleared, as its content is final.
 */
public final class Expansion {

    private Expansion() {
    }

    /**
     * The instruction with its words expanded in {@code scope}: a FROM in the global scope, any
     * other instruction in its stage's scope at that step (see {@link Scope} for the loop).
     *
     * @throws FoxfileException at the instruction, when a word does not expand
     */
    public static Instruction apply(Instruction instruction, Scope scope) {
        try {
            return expand(instruction, new Words(scope));
        } catch (ExpansionException e) {
            throw FoxfileException.at(instruction.location(), instruction.keyword() + ": " + e.getMessage());
        }
    }

    private static Instruction expand(Instruction i, Words w) {
        if (i instanceof From f) {
            return new From(w.word(f.image()), w.word(f.platform()), f.stageName(), f.location());
        }
        if (i instanceof Env e) {
            return new Env(w.pairs(e.variables()), e.location());
        }
        if (i instanceof Label l) {
            return new Label(w.pairs(l.labels()), l.location());
        }
        if (i instanceof Arg a) {
            List<Arg.Declaration> out = new ArrayList<>();
            for (Arg.Declaration d : a.declarations()) {
                String name = w.word(d.name());
                if (name.isEmpty()) {
                    throw new ExpansionException("name \"" + d.name() + "\" expands to nothing");
                }
                out.add(new Arg.Declaration(name, w.word(d.defaultValue())));
            }
            return new Arg(out, a.location());
        }
        if (i instanceof Expose e) {
            List<String> ports = new ArrayList<>();
            e.ports().forEach(p -> ports.addAll(w.words(p)));
            return new Expose(ports, e.location());
        }
        if (i instanceof Workdir d) {
            return new Workdir(w.word(d.path()), d.location());
        }
        if (i instanceof User u) {
            return new User(w.word(u.user()), u.location());
        }
        if (i instanceof StopSignal s) {
            return new StopSignal(w.word(s.signal()), s.location());
        }
        if (i instanceof Volume v) {
            return new Volume(w.each(v.paths()), v.location());
        }
        if (i instanceof Copy c) {
            return new Copy(w.each(c.sources()), w.word(c.destination()), w.word(c.from()), w.word(c.chown()),
                    w.word(c.chmod()), c.link(), w.heredocs(c.heredocs()), c.location());
        }
        if (i instanceof Add a) {
            return new Add(w.each(a.sources()), w.word(a.destination()), w.word(a.chown()), w.word(a.chmod()),
                    a.link(), w.word(a.checksum()), w.heredocs(a.heredocs()), a.location());
        }
        return i;
    }

    /** The expander and the scope's variables together; null words stay null. */
    private static final class Words {
        private final Scope scope;

        Words(Scope scope) {
            this.scope = scope;
        }

        String word(String word) {
            return word == null ? null : scope.expander().word(word, scope::lookup);
        }

        List<String> words(String text) {
            return scope.expander().words(text, scope::lookup);
        }

        List<String> each(List<String> words) {
            return words.stream().map(this::word).toList();
        }

        List<Map.Entry<String, String>> pairs(List<Map.Entry<String, String>> pairs) {
            return pairs.stream().map(kv -> Map.entry(word(kv.getKey()), word(kv.getValue()))).toList();
        }

        List<Heredoc> heredocs(List<Heredoc> heredocs) {
            return heredocs.stream().map(h -> h.expand()
                    ? new Heredoc(h.name(), scope.expander().heredoc(h.content(), scope::lookup), false, h.chomp(), h.fd())
                    : h).toList();
        }
    }
}
