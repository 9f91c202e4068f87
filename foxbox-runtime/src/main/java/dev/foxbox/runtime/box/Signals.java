package dev.foxbox.runtime.box;

import java.util.Locale;
import java.util.Map;

/** Signal names as docker takes them (SIGTERM, TERM, 15) and sending them to host pids. */
public final class Signals {

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("HUP", 1), Map.entry("INT", 2),
            Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6),
            Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
            Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18),
            Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22),
            Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26),
            Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29),
            Map.entry("PWR", 30), Map.entry("SYS", 31));

    private Signals() {}

    /** The number of a signal given as SIGTERM, TERM, term, 15, or RTMIN+3. */
    public static int parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        try {
            int n = Integer.parseInt(s);
            if (n > 0 && n < 65) {
                return n;
            }
        } catch (NumberFormatException e) {
            // a name
        }
        if (s.startsWith("RTMIN")) {
            int offset = s.length() > 5 ? Integer.parseInt(s.substring(s.indexOf('+') + 1)) : 0;
            return 34 + offset;
        }
        Integer n = NUMBERS.get(s);
        if (n == null) {
            throw new IllegalArgumentException("invalid signal: " + text);
        }
        return n;
    }

    /** Sends a signal to a host process; false when it no longer exists. */
    public static boolean send(long pid, int signal) {
        if (signal == 9) {
            return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
        }
        if (signal == 15) {
            return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
        }
        return jnr.posix.POSIXFactory.getNativePOSIX().kill((int) pid, signal) == 0;
    }
}
