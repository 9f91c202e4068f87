package dev.foxbox.build.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .foxignore} (or {@code .dockerignore}): which paths of the build context are left out,
 * with docker's rules (moby/patternmatcher):
 *
 * <ul>
 *   <li>one pattern a line; a line starting with {@code #} is a comment; blank lines are skipped;
 *       blanks around a pattern are trimmed;</li>
 *   <li>patterns are relative to the context root: a leading {@code /} is dropped, {@code .} and
 *       {@code ..} are cleaned away, a trailing {@code /} is dropped ({@code build/} is
 *       {@code build});</li>
 *   <li>Go's {@code filepath.Match} syntax ({@code *}, {@code ?}, {@code [a-z]}, {@code \}), plus
 *       {@code **}, which matches any number of directories, none included;</li>
 *   <li>a pattern that matches a directory matches everything under it;</li>
 *   <li>{@code !pattern} re-includes what it matches, and the last pattern that matches a path
 *       decides.</li>
 * </ul>
 */
public final class IgnorePatterns {

    /** Nothing is ignored. */
    public static final IgnorePatterns NONE = new IgnorePatterns("(none)", List.of());

    private record Rule(String pattern, boolean exception, Pattern regex) {
    }

    private final String source;
    private final List<Rule> rules;

    private IgnorePatterns(String source, List<Rule> rules) {
        this.source = source;
        this.rules = List.copyOf(rules);
    }

    /** Reads an ignore file; errors name it. */
    public static IgnorePatterns read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * @param source the file's name, for messages
     * @throws ContextException naming the line of a malformed pattern
     */
    public static IgnorePatterns parse(String source, String content) {
        List<Rule> rules = new ArrayList<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
                if (pattern.isEmpty()) {
                    throw new ContextException(source + ":" + lineNumber + ": illegal exclusion pattern: \"!\"");
                }
            }
            pattern = clean(pattern);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            try {
                rules.add(new Rule(pattern, exception, PathPatterns.compile(pattern, true)));
            } catch (IllegalArgumentException e) {
                throw new ContextException(source + ":" + lineNumber + ": " + e.getMessage());
            }
        }
        return new IgnorePatterns(source, rules);
    }

    /** The file the patterns came from, for messages ("excluded by .dockerignore"). */
    public String source() {
        return source;
    }

    /** Whether any {@code !} pattern exists: then an excluded directory may still hold included files. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    /**
     * Whether {@code path} (relative to the context root, {@code /}-separated, e.g.
     * {@code src/main.go}) is left out of the context.
     */
    public boolean excludes(String path) {
        String file = clean(path);
        int slash = file.lastIndexOf('/');
        String parent = slash < 0 ? "." : file.substring(0, slash);
        boolean excluded = false;
        for (Rule rule : rules) {
            if (rule.exception() != excluded) {
                continue;
            }
            boolean match = rule.regex().matcher(file).matches();
            if (!match && !parent.equals(".")) {
                match = parentMatches(rule.regex(), parent);
            }
            if (match) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    private static boolean parentMatches(Pattern regex, String parent) {
        int from = 0;
        while (true) {
            int slash = parent.indexOf('/', from);
            String prefix = slash < 0 ? parent : parent.substring(0, slash);
            if (regex.matcher(prefix).matches()) {
                return true;
            }
            if (slash < 0) {
                return false;
            }
            from = slash + 1;
        }
    }

    /** Go's {@code filepath.Clean} for {@code /}-separated paths. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                    parts.remove(parts.size() - 1);
                } else if (!rooted) {
                    parts.add("..");
                }
                continue;
            }
            parts.add(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
