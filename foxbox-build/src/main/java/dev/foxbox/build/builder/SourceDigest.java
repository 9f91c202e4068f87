package dev.foxbox.build.builder;

import dev.foxbox.build.context.BuildContext;
import dev.foxbox.build.context.ContextEntry;
import dev.foxbox.build.context.ContextSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What a COPY's result depends on, as a digest: each source's path, kind, mode and content (a
 * link's target). Modification times and owners are left out, as BuildKit leaves them out: a
 * touched file is still a cache hit.
 */
final class SourceDigest {

    private final MessageDigest sha = StepKeys.sha256();
    private final byte[] buffer = new byte[64 * 1024];

    void add(String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    void add(BuildContext context, ContextSource source) throws IOException {
        add("source " + source.name());
        if (!source.directory()) {
            file(".", source.path(), ContextEntry.Kind.FILE);
            return;
        }
        file(".", source.path(), ContextEntry.Kind.DIRECTORY);
        for (ContextEntry entry : context.files(source)) {
            file(entry.path(), entry.file(), entry.kind());
        }
    }

    private void file(String name, Path file, ContextEntry.Kind kind) throws IOException {
        int mode = (Integer) Files.getAttribute(file, "unix:mode", kind == ContextEntry.Kind.SYMLINK
                ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0]);
        add(kind + " " + name + " " + Integer.toOctalString(mode & 07777));
        switch (kind) {
            case SYMLINK -> add(Files.readSymbolicLink(file).toString());
            case FILE -> {
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
                sha.update((byte) 0);
            }
            case DIRECTORY -> { }
        }
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
