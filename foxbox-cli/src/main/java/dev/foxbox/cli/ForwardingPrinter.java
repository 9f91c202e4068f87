package dev.foxbox.cli;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.registry.copy.CopyProgress;
import java.util.List;

/**
 * What pull and push show while blobs move: handed to their {@link CopyPrinter}. Subclasses add
 * the last lines, which differ.
 */
abstract class ForwardingPrinter implements CopyProgress, AutoCloseable {

    final CopyPrinter display;
    final boolean quiet;

    ForwardingPrinter(CopyPrinter display, boolean quiet) {
        this.display = display;
        this.quiet = quiet;
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
    public void close() {
        display.done();
    }
}
