package dev.foxbox.build.builder;

import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.StoredImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a build prints: {@code STEP N/M: instruction}, a RUN's output as it comes, then
 * {@code --> CACHED} or the step's duration; at the end the image's id and names. Quiet, it
 * prints only the id, and a failed RUN's output on the error stream.
 */
public final class BuildOutput {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;

    public BuildOutput(PrintWriter out, PrintWriter err, boolean quiet) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
    }

    void step(int number, int total, String text) {
        line("STEP " + number + "/" + total + ": " + text);
    }

    /** An ONBUILD trigger of the base image, run before the stage's own instructions. */
    void trigger(String text) {
        line("--> ONBUILD " + text);
    }

    void cached() {
        line("--> CACHED");
    }

    void done(Duration took) {
        line(String.format(Locale.ROOT, "--> %.2fs", took.toNanos() / 1e9));
    }

    void warn(String text) {
        err.println("foxbox: warning: " + text);
        err.flush();
    }

    /** Where a RUN step's output goes: the terminal, or (quiet) a buffer shown only if it fails. */
    OutputStream runOutput() {
        if (quiet) {
            return new ByteArrayOutputStream();
        }
        out.flush();
        return new Utf8Writer(out);
    }

    void failed(OutputStream runOutput) {
        if (runOutput instanceof ByteArrayOutputStream captured) {
            err.print(captured.toString(StandardCharsets.UTF_8));
            err.flush();
        }
    }

    void committed(StoredImage image, List<ImageReference> names) {
        String id = image.id().hex();
        if (quiet) {
            out.println(id);
            out.flush();
            return;
        }
        line("COMMIT" + (names.isEmpty() ? "" : " " + names.get(0)));
        line("--> " + id.substring(0, 12));
        for (ImageReference name : names) {
            line("Successfully tagged " + name);
        }
        line(id);
    }

    private void line(String text) {
        if (!quiet) {
            out.println(text);
            out.flush();
        }
    }

    /** A RUN's bytes as text on a writer, as they come; a character split across writes waits for its rest. */
    private static final class Utf8Writer extends OutputStream {
        private final PrintWriter writer;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer pending = ByteBuffer.allocate(0);

        Utf8Writer(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
            in.put(pending).put(b, off, len).flip();
            CharBuffer chars = CharBuffer.allocate(in.remaining());
            decoder.decode(in, chars, false);
            writer.write(chars.flip().toString());
            pending = in.slice();
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
