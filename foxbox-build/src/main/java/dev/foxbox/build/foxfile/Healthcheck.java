package dev.foxbox.build.foxfile;

import dev.foxbox.image.model.ContainerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code HEALTHCHECK NONE} or {@code HEALTHCHECK [--interval=D --timeout=D --start-period=D
 * --start-interval=D --retries=N] CMD command}: how the image's program reports health.
 *
 * @param none     {@code HEALTHCHECK NONE}: disables an inherited check; the other fields are unset
 * @param command  the check's command, or null when {@code none}
 * @param retries  {@code --retries}, or null when not given
 */
public record Healthcheck(boolean none, Command command, Duration interval, Duration timeout, Duration startPeriod,
                          Duration startInterval, Integer retries, SourceLocation location) implements Instruction {

    public Healthcheck {
        if (none == (command != null)) {
            throw new IllegalArgumentException("a HEALTHCHECK is NONE or has a command");
        }
    }

    @Override
    public String keyword() {
        return "HEALTHCHECK";
    }

    /**
     * The image config's form: test {@code ["NONE"]}, {@code ["CMD", args...]} for the exec
     * form, {@code ["CMD-SHELL", script]} for the shell form, as docker writes it.
     */
    public ContainerConfig.Healthcheck toConfig() {
        List<String> test = new ArrayList<>();
        if (none) {
            test.add("NONE");
        } else if (command instanceof Command.Exec exec) {
            test.add("CMD");
            test.addAll(exec.args());
        } else {
            test.add("CMD-SHELL");
            test.add(((Command.Shell) command).script());
        }
        return new ContainerConfig.Healthcheck(test, interval, timeout, startPeriod, startInterval,
                retries == null ? 0 : retries);
    }
}
