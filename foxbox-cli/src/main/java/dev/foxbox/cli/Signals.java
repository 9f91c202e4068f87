package dev.foxbox.cli;

import java.util.List;
import java.util.concurrent.Callable;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a box runs attached, the terminal's ^C reaches the box's helper directly (they share
 * the terminal's process group), so this JVM ignores it instead of dying first; a SIGTERM or
 * SIGHUP sent to foxbox is passed on to the helper, which passes it to the box. (^\ makes the
 * JVM print a thread dump, which it reserves SIGQUIT for, and nothing else.)
 */
final class Signals {

    private Signals() {}

    /** Runs {@code body} with the handlers in place; {@code helper} is asked for when a signal comes. */
    static <T> T whileRunning(java.util.function.Supplier<Process> helper, Callable<T> body) throws Exception {
        List<String> ignored = List.of("INT");
        List<String> forwarded = List.of("TERM", "HUP");
        java.util.Map<String, SignalHandler> previous = new java.util.HashMap<>();
        for (String name : ignored) {
            previous.put(name, Signal.handle(new Signal(name), SignalHandler.SIG_IGN));
        }
        for (String name : forwarded) {
            previous.put(name, Signal.handle(new Signal(name), sig -> forward(helper, sig.getNumber())));
        }
        try {
            return body.call();
        } finally {
            previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
        }
    }

    private static void forward(java.util.function.Supplier<Process> helperSupplier, int signal) {
        Process helper = helperSupplier.get();
        if (helper == null) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(helper.pid())).start().waitFor();
        } catch (Exception e) {
            helper.destroy();
        }
    }
}
