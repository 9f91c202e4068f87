package dev.foxbox.cli;

import dev.foxbox.runtime.box.RunningBox;
import java.io.IOException;

/**
 * The end of a {@code run} or {@code exec} handed to the helper that started this JVM (see
 * {@link dev.foxbox.runtime.helper.Handover}): once the command runs, that helper waits for it and
 * exits with its status, and this JVM has nothing left to do or say.
 */
final class HandedOver {

    private HandedOver() {}

    /**
     * Waits until the command runs (or throws why it could not), then lets go of this JVM's stdio,
     * so that nothing reading the command's output waits for this JVM's exit; returns 0.
     */
    static int finish(RunningBox box) throws IOException, InterruptedException {
        int status = box.waitFor();
        System.in.close();
        System.out.close();
        System.err.close();
        return status;
    }
}
