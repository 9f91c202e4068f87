package dev.foxbox.build.builder;

import dev.foxbox.build.foxfile.SourceLocation;

/**
 * A step failed: {@code Foxfile:7:1: STEP 4/9: RUN make: exit code 2}. The builder's exit code
 * is 1, as docker's; a RUN's own exit code is in the message.
 */
public final class BuildFailedException extends RuntimeException {

    public BuildFailedException(SourceLocation at, String step, String reason) {
        super(at.file() + ":" + at.line() + ":" + at.column() + ": " + step + ": " + reason);
    }
}
