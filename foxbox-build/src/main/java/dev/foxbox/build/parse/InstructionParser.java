package dev.foxbox.build.parse;

import static dev.foxbox.build.parse.Flags.Kind.LIST;
import static dev.foxbox.build.parse.Flags.Kind.STRING;

import dev.foxbox.build.foxfile.Arg;
import dev.foxbox.build.foxfile.Cmd;
import dev.foxbox.build.foxfile.Command;
import dev.foxbox.build.foxfile.Entrypoint;
import dev.foxbox.build.foxfile.Env;
import dev.foxbox.build.foxfile.Expose;
import dev.foxbox.build.foxfile.From;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.build.foxfile.Label;
import dev.foxbox.build.foxfile.Maintainer;
import dev.foxbox.build.foxfile.OnBuild;
import dev.foxbox.build.foxfile.Run;
import dev.foxbox.build.foxfile.Shell;
import dev.foxbox.build.foxfile.StopSignal;
import dev.foxbox.build.foxfile.User;
import dev.foxbox.build.foxfile.Volume;
import dev.foxbox.build.foxfile.Workdir;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one logical line into a typed {@link Instruction}, with docker's rules for each
 * instruction's arguments (BuildKit's {@code instructions/parse.go} and the line parsers it uses):
 * which flags it accepts, whether it takes JSON or shell form, how it splits words.
 */
final class InstructionParser {

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
    private static final String STRINGS_ONLY = "when using JSON array syntax, arrays must be comprised of strings only";

    private final char escape;
    private final CopyParser copies;

    InstructionParser(char escape) {
        this.escape = escape;
        this.copies = new CopyParser();
    }

    Instruction parse(LogicalLine line) {
        for (LogicalLine.Body body : line.heredocs()) {
            if (!body.terminated()) {
                throw line.error(body.offset(), "unterminated heredoc: the file ends before a line \""
                        + body.marker().name() + "\" closes <<" + body.marker().name());
            }
        }
        return parse(line, 0);
    }

    /** Parses the instruction that starts at {@code start} (past 0 for ONBUILD's trigger). */
    private Instruction parse(LogicalLine line, int start) {
        String text = line.text();
        int keywordEnd = start;
        while (keywordEnd < text.length() && !Word.isBlank(text.charAt(keywordEnd))) {
            keywordEnd++;
        }
        String keyword = text.substring(start, keywordEnd).toUpperCase(Locale.ROOT);
        Flags.Extracted extracted = Flags.extract(text, keywordEnd, text.length());
        Args a = new Args(line, keyword, start, extracted.flags(), extracted.rest(), text.length())
                .narrow(extracted.rest(), text.length());
        return switch (keyword) {
            case "FROM" -> from(a);
            case "RUN" -> run(a);
            case "CMD" -> new Cmd(command(noFlags(a).requireSome()), a.line().location(start));
            case "ENTRYPOINT" -> new Entrypoint(command(noFlags(a).requireSome()), a.line().location(start));
            case "SHELL" -> shell(a);
            case "ENV" -> new Env(KeyValues.pairs(noFlags(a), escape), line.location(start));
            case "LABEL" -> new Label(KeyValues.pairs(noFlags(a), escape), line.location(start));
            case "ARG" -> new Arg(KeyValues.declarations(noFlags(a), escape), line.location(start));
            case "EXPOSE" -> new Expose(words(noFlags(a).requireSome()), line.location(start));
            case "WORKDIR" -> new Workdir(noFlags(a).requireSome().text(), line.location(start));
            case "USER" -> new User(noFlags(a).requireSome().text(), line.location(start));
            case "STOPSIGNAL" -> new StopSignal(noFlags(a).requireSome().text(), line.location(start));
            case "MAINTAINER" -> new Maintainer(noFlags(a).requireSome().text(), line.location(start));
            case "VOLUME" -> volume(a);
            case "COPY" -> copies.copy(a);
            case "ADD" -> copies.add(a);
            case "HEALTHCHECK" -> HealthcheckParser.parse(a, this::command);
            case "ONBUILD" -> onBuild(a);
            default -> throw line.error(start, Keywords.unknown(text.substring(start, keywordEnd)));
        };
    }

    private From from(Args a) {
        Flags flags = Flags.parse(a.line(), "FROM", Map.of("platform", STRING), a.flags());
        List<Word> words = Word.splitBlanks(a.line().text(), a.from(), a.to());
        String stageName = null;
        if (words.size() == 3 && words.get(1).text().equalsIgnoreCase("as")) {
            stageName = words.get(2).text().toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(stageName).matches()) {
                throw a.line().error(words.get(2).offset(), "invalid name for build stage: \"" + words.get(2).text()
                        + "\", name can't start with a number or contain symbols");
            }
        } else if (words.size() != 1) {
            throw a.line().error(a.keywordOffset(), "FROM requires either one or three arguments: IMAGE [AS NAME]");
        }
        return new From(words.get(0).text(), flags.string("platform"), stageName, a.line().location(a.keywordOffset()));
    }

    private Run run(Args a) {
        Flags flags = Flags.parse(a.line(), "RUN",
                Map.of("mount", LIST, "network", STRING, "security", STRING), a.flags());
        Command command = command(a.requireSome());
        return new Run(command, command instanceof Command.Shell ? CopyParser.heredocs(a) : List.of(),
                flags.list("mount"), flags.string("network"), flags.string("security"),
                a.line().location(a.keywordOffset()));
    }

    /** docker's parseMaybeJSON: a JSON array of strings is the exec form, anything not JSON the shell form. */
    Command command(Args a) {
        JsonArray.Result json = JsonArray.read(a.text());
        return switch (json.kind()) {
            case STRINGS -> new Command.Exec(json.strings());
            case NOT_STRINGS -> throw a.line().error(a.from(), STRINGS_ONLY);
            case NOT_JSON -> new Command.Shell(a.text());
        };
    }

    private Shell shell(Args a) {
        noFlags(a).requireSome();
        JsonArray.Result json = JsonArray.read(a.text());
        if (json.kind() == JsonArray.Kind.NOT_STRINGS) {
            throw a.line().error(a.from(), STRINGS_ONLY);
        }
        if (json.kind() == JsonArray.Kind.NOT_JSON) {
            throw a.line().error(a.from(), "SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]");
        }
        if (json.strings().isEmpty()) {
            throw a.line().error(a.keywordOffset(), "SHELL requires at least one argument");
        }
        return new Shell(json.strings(), a.line().location(a.keywordOffset()));
    }

    private Volume volume(Args a) {
        noFlags(a).requireSome();
        JsonArray.Result json = JsonArray.read(a.text());
        List<Word> words = new ArrayList<>();
        switch (json.kind()) {
            case STRINGS -> json.strings().forEach(s -> words.add(new Word(s, a.from())));
            case NOT_STRINGS -> throw a.line().error(a.from(), STRINGS_ONLY);
            case NOT_JSON -> words.addAll(Word.splitBlanks(a.line().text(), a.from(), a.to()));
            default -> throw new IllegalStateException();
        }
        if (words.isEmpty()) {
            throw a.line().error(a.keywordOffset(), "VOLUME requires at least one argument");
        }
        List<String> paths = new ArrayList<>();
        for (Word w : words) {
            if (w.text().isBlank()) {
                throw a.line().error(w.offset(), "VOLUME specified can not be an empty string");
            }
            paths.add(w.text().strip());
        }
        return new Volume(paths, a.line().location(a.keywordOffset()));
    }

    private OnBuild onBuild(Args a) {
        noFlags(a).requireSome();
        String text = a.line().text();
        int end = a.from();
        while (end < a.to() && !Word.isBlank(text.charAt(end))) {
            end++;
        }
        String trigger = text.substring(a.from(), end).toUpperCase(Locale.ROOT);
        if (trigger.equals("ONBUILD")) {
            throw a.line().error(a.from(), "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        if (trigger.equals("FROM") || trigger.equals("MAINTAINER")) {
            throw a.line().error(a.from(), trigger + " isn't allowed as an ONBUILD trigger");
        }
        Instruction instruction = parse(a.line(), a.from());
        StringBuilder expression = new StringBuilder(a.text());
        for (LogicalLine.Body body : a.line().heredocs()) {
            expression.append('\n').append(body.content()).append(body.marker().name());
        }
        return new OnBuild(instruction, expression.toString(), a.line().location(a.keywordOffset()));
    }

    private static Args noFlags(Args a) {
        Flags.parse(a.line(), a.keyword(), Map.of(), a.flags());
        return a;
    }

    private static List<String> words(Args a) {
        return Word.splitBlanks(a.line().text(), a.from(), a.to()).stream().map(Word::text).toList();
    }
}
