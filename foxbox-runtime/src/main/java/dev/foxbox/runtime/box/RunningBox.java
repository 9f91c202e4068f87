package dev.foxbox.runtime.box;

import dev.foxbox.runtime.helper.HelperProcess;
import java.io.IOException;

/**
 * A box whose helper is running. {@link #waitFor()} returns the box's exit status (128+N when a
 * signal N killed it) and cleans up after a {@code --rm} box; it throws
 * {@link dev.foxbox.runtime.helper.BoxStartException} when the box could not start.
 */
public final class RunningBox {

    /** What happens after the box's process ends. */
    interface Cleanup {
        void afterExit() throws IOException;
    }

    private final String id;
    private final String name;
    private final HelperProcess helper;
    private final Cleanup cleanup;

    RunningBox(String id, String name, HelperProcess helper, Cleanup cleanup) {
        this.id = id;
        this.name = name;
        this.helper = helper;
        this.cleanup = cleanup;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The helper process, e.g. to pass a signal on to the box (the helper forwards it); null when handed over. */
    public Process process() {
        return helper.process();
    }

    /**
     * The box's exit status; for a box handed over to the helper that started this JVM, 0 as soon
     * as it runs (that helper waits for it, exits with its status and removes a --rm box).
     */
    public int waitFor() throws IOException, InterruptedException {
        boolean runsOn = false;
        try {
            int status = helper.waitFor();
            runsOn = helper.handedOver();
            return status;
        } finally {
            if (!runsOn) {
                cleanup.afterExit();
            }
        }
    }
}
