package dev.foxbox.image.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints why a test was skipped, on the build's console: a test that cannot run here (a tool or
 * kernel feature is missing) must say so, not pass silently. Registered for every test through
 * JUnit's extension auto-detection (see the parent pom's surefire configuration).
 */
public final class PrintSkipReasons implements TestWatcher {

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        System.out.println("SKIPPED " + context.getDisplayName() + " in " + context.getRequiredTestClass().getSimpleName()
                + ": " + cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        System.out.println("SKIPPED " + context.getDisplayName() + " in " + context.getRequiredTestClass().getSimpleName()
                + ": " + reason.orElse("disabled"));
    }
}
