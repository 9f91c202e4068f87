package dev.foxbox.build.foxfile;

/**
 * The body of a heredoc ({@code RUN <<EOF}, {@code COPY <<EOF /file}): a script for RUN, a
 * file's content for COPY and ADD.
 *
 * @param name    the marker's name ({@code EOF}), which is also the file name COPY gives it
 * @param content the lines between the marker's line and the terminator, line endings kept;
 *                leading tabs already stripped when {@code chomp}
 * @param expand  whether variables in the content are still to be expanded: true when the name
 *                was not quoted; {@code Expansion.apply} expands a COPY or ADD heredoc and clears it
 * @param chomp   whether the marker was {@code <<-}
 * @param fd      the file descriptor written before {@code <<} ({@code 3<<EOF}), 0 when none
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fd) {
}
