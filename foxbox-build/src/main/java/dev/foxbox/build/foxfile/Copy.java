package dev.foxbox.build.foxfile;

import java.util.List;

/**
 * {@code COPY [--from=STAGE] [--chown=U:G] [--chmod=MODE] [--link] SRC... DEST}: copies files
 * from the build context or another stage into the image.
 *
 * @param sources     the source paths as written; heredoc sources are in {@code heredocs} instead
 * @param destination the destination as written
 * @param from        {@code --from} (a stage name, a stage index or an image), or null
 * @param chown       {@code --chown}, or null
 * @param chmod       {@code --chmod}, or null
 * @param link        {@code --link}; accepted and recorded, the copy is the same either way
 * @param heredocs    inline files ({@code COPY <<EOF /etc/app.conf}), each named by its marker
 */
public record Copy(List<String> sources, String destination, String from, String chown, String chmod, boolean link,
                   List<Heredoc> heredocs, SourceLocation location) implements Instruction {

    public Copy {
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public String keyword() {
        return "COPY";
    }
}
