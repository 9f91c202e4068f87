package dev.foxbox.grammar;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A heredoc marker as written on an instruction's line: {@code <<EOF}, {@code <<-EOF} (leading
 * tabs are stripped from the body and the terminator), {@code <<"EOF"} or {@code <<'EOF'} (a
 * quoted name: the body is not expanded), {@code 3<<EOF} (a file descriptor for RUN).
 *
 * <p>Shared by the lexer, which needs the terminator to find the end of the body, and the parse
 * package, which records the heredoc's properties; one reading of the marker serves both.
 *
 * @param fd     the file descriptor before {@code <<}, 0 when none was written
 * @param chomp  whether the marker was {@code <<-}
 * @param name   the name with quotes removed; the terminator line is exactly this
 * @param expand false when any part of the name was quoted, as in a POSIX shell
 */
public record HeredocMarker(int fd, boolean chomp, String name, boolean expand) {

    private static final Pattern MARKER = Pattern.compile("(\\d*)<<(-?)(.+)", Pattern.DOTALL);

    /** Reads a marker, or returns null when {@code word} is not one. */
    public static HeredocMarker parse(String word) {
        Matcher m = MARKER.matcher(word);
        if (!m.matches() || m.group(3).indexOf('<') >= 0 || m.group(1).length() > 9) {
            return null;
        }
        int fd = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
        String raw = m.group(3);
        String name = raw.replace("\"", "").replace("'", "");
        return new HeredocMarker(fd, !m.group(2).isEmpty(), name, name.length() == raw.length());
    }

    /** Whether {@code line} (with its line ending) is this heredoc's terminator. */
    public boolean isTerminator(String line) {
        String text = line;
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        text = text.substring(0, end);
        if (chomp) {
            text = stripLeadingTabs(text);
        }
        return text.equals(name);
    }

    /** Removes leading tabs from every line, as {@code <<-} asks. */
    public static String stripLeadingTabs(String text) {
        return text.replaceAll("(?m)^\\t+", "");
    }
}
