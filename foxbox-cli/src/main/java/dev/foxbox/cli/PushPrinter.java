package dev.foxbox.cli;

import dev.foxbox.registry.PushProgress;
import dev.foxbox.registry.PushedImage;
import java.io.PrintWriter;

/**
 * Shows a push as it goes ({@link CopyPrinter}: per layer "already exists", "mounted from", or
 * pushed with its size and rate), then the manifest's digest. {@code -q} shows nothing.
 */
final class PushPrinter extends ForwardingPrinter implements PushProgress {

    private PushPrinter(CopyPrinter display, boolean quiet) {
        super(display, quiet);
    }

    static PushPrinter create(PrintWriter out, PrintWriter err, boolean quiet) {
        return new PushPrinter(CopyPrinter.create(out, err, quiet, CopyPrinter.PUSH), quiet);
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
}
