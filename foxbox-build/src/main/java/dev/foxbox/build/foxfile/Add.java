package dev.foxbox.build.foxfile;

import java.util.List;

/**
 * {@code ADD [--chown=U:G] [--chmod=MODE] [--link] [--checksum=DIGEST] SRC... DEST}: COPY that
 * also unpacks local tar archives and fetches URLs.
 *
 * @param checksum {@code --checksum} for a URL source, or null
 * @see Copy for the other fields
 */
public record Add(List<String> sources, String destination, String chown, String chmod, boolean link, String checksum,
                  List<Heredoc> heredocs, SourceLocation location) implements Instruction {

    public Add {
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public String keyword() {
        return "ADD";
    }
}
