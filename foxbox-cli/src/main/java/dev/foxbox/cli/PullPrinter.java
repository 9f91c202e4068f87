package dev.foxbox.cli;

import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.PullProgress;
import java.io.PrintWriter;

/**
 * Shows a pull as it goes ({@link CopyPrinter}), then the digest and whether the image changed.
 * {@code -q} shows nothing.
 */
final class PullPrinter extends ForwardingPrinter implements PullProgress {

    private PullPrinter(CopyPrinter display, boolean quiet) {
        super(display, quiet);
    }

    static PullPrinter create(PrintWriter out, PrintWriter err, boolean quiet) {
        return new PullPrinter(CopyPrinter.create(out, err, quiet, CopyPrinter.PULL), quiet);
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
}
