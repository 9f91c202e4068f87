package dev.foxbox.cli;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.registry.PushProgress;
import dev.foxbox.registry.PushedImage;
import java.io.PrintWriter;
import java.util.List;

/**
 * Shows a push as it goes ({@link CopyPrinter}: per layer "already exists", "mounted from", or
 * pushed with its size and rate), then the manifest's digest. {@code -q} shows nothing.
 */
final class PushPrinter implements PushProgress, AutoCloseable {

    private final CopyPrinter display;
    private final boolean quiet;

    private PushPrinter(CopyPrinter display, boolean quiet) {
        this.display = display;
        this.quiet = quiet;
    }

    static PushPrinter create(PrintWriter out, PrintWriter err, boolean quiet) {
        return new PushPrinter(CopyPrinter.create(out, err, quiet, CopyPrinter.PUSH), quiet);
    }

    @Override
    public void resolved(ImageReference reference, Digest manifestDigest, List<Descriptor> blobs) {
        display.resolved(reference, manifestDigest, blobs);
    }

    @Override
    public void blobSkipped(Descriptor blob) {
        display.blobSkipped(blob);
    }

    @Override
    public void blobReused(Descriptor blob, String from) {
        display.blobReused(blob, from);
    }

    @Override
    public void blobStarted(Descriptor blob) {
        display.blobStarted(blob);
    }

    @Override
    public void blobProgress(Descriptor blob, long bytes) {
        display.blobProgress(blob, bytes);
    }

    @Override
    public void blobDone(Descriptor blob) {
        display.blobDone(blob);
    }

    @Override
    public void note(String line) {
        display.note(line);
    }

    @Override
    public void finished(PushedImage image) {
        display.done();
        if (quiet) {
            return;
        }
        synchronized (display) {
            display.out.println("Digest: " + image.digest() + " (" + image.manifest().size() + " bytes)");
            display.out.flush();
        }
    }

    @Override
    public void close() {
        display.done();
    }
}
