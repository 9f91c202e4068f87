package dev.foxbox.build.foxfile;

/** {@code STOPSIGNAL SIGTERM}: the signal that asks the image's program to stop. */
public record StopSignal(String signal, SourceLocation location) implements Instruction {
    @Override
    public String keyword() {
        return "STOPSIGNAL";
    }
}
