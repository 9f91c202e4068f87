package dev.foxbox.cli;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.PullProgress;
import java.io.PrintWriter;
import java.util.List;

/**
 * Shows a pull as it goes ({@link CopyPrinter}), then the digest and whether the image changed.
 * {@code -q} shows nothing.
 */
final class PullPrinter implements PullProgress, AutoCloseable {

    private final CopyPrinter display;
    private final boolean quiet;

    private PullPrinter(CopyPrinter display, boolean quiet) {
        this.display = display;
        this.quiet = quiet;
    }

    static PullPrinter create(PrintWriter out, PrintWriter err, boolean quiet) {
        return new PullPrinter(CopyPrinter.create(out, err, quiet, CopyPrinter.PULL), quiet);
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
    public void finished(StoredImage image, boolean changed) {
        display.done();
        if (quiet) {
            return;
        }
        synchronized (display) {
            display.out.println("Digest: " + image.repoDigest());
            display.out.println("Status: " + (changed ? "Downloaded newer image for " : "Image is up to date for ")
                    + image.reference());
            display.out.flush();
        }
    }

    @Override
    public void close() {
        display.done();
    }
}
