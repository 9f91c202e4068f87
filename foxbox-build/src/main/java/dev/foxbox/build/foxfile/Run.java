package dev.foxbox.build.foxfile;

import java.util.List;

/**
 * {@code RUN}: runs a command in the stage's box and keeps what it changed as a layer.
 *
 * @param heredocs the heredocs named on the line, in order (the command may be just
 *                 {@code <<EOF}: the heredoc is then the script)
 * @param mounts   {@code --mount} values, as written; recorded so that the builder can refuse
 *                 them with a clear message rather than a parse error
 * @param network  {@code --network}, or null
 * @param security {@code --security}, or null
 */
public record Run(Command command, List<Heredoc> heredocs, List<String> mounts, String network, String security,
                  SourceLocation location) implements Instruction {

    public Run {
        heredocs = List.copyOf(heredocs);
        mounts = List.copyOf(mounts);
    }

    @Override
    public String keyword() {
        return "RUN";
    }
}
