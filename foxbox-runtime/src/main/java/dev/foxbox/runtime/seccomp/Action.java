package dev.foxbox.runtime.seccomp;

import java.util.Map;

/**
 * What a seccomp filter does with a system call: the {@code SCMP_ACT_*} actions of docker's profile
 * format, each knowing the 32-bit value a classic-BPF filter returns for it.
 *
 * <p>{@code SCMP_ACT_NOTIFY} has no record: it needs a user-space agent holding the listener fd,
 * which foxbox does not run, so the parser refuses it.
 */
public sealed interface Action {

    int RET_KILL_PROCESS = 0x80000000;
    int RET_KILL_THREAD = 0x00000000;
    int RET_TRAP = 0x00030000;
    int RET_ERRNO = 0x00050000;
    int RET_TRACE = 0x7ff00000;
    int RET_LOG = 0x7ffc0000;
    int RET_ALLOW = 0x7fff0000;

    /** The largest errno the kernel passes back (MAX_ERRNO); larger values are clamped by it. */
    int MAX_ERRNO = 4095;

    Action ALLOW = new Allow();

    /** The filter's return value, e.g. {@code 0x00050001} for ERRNO(EPERM). */
    int returnValue();

    /** The profile's name for it, e.g. {@code SCMP_ACT_ERRNO}. */
    String scmpName();

    /** How --trace and error messages show it, e.g. {@code ERRNO(EPERM)}. */
    String describe();

    /** Kills the calling thread; docker's {@code SCMP_ACT_KILL} means this too. */
    record KillThread() implements Action {
        public int returnValue() {
            return RET_KILL_THREAD;
        }

        public String scmpName() {
            return "SCMP_ACT_KILL_THREAD";
        }

        public String describe() {
            return "KILL_THREAD";
        }
    }

    record KillProcess() implements Action {
        public int returnValue() {
            return RET_KILL_PROCESS;
        }

        public String scmpName() {
            return "SCMP_ACT_KILL_PROCESS";
        }

        public String describe() {
            return "KILL_PROCESS";
        }
    }

    /** Sends SIGSYS to the caller, which may handle it (emulators do). */
    record Trap() implements Action {
        public int returnValue() {
            return RET_TRAP;
        }

        public String scmpName() {
            return "SCMP_ACT_TRAP";
        }

        public String describe() {
            return "TRAP";
        }
    }

    /** Fails the call with {@code errno} without running it. */
    record Errno(int errno) implements Action {
        private static final Map<Integer, String> NAMES = Map.of(
                1, "EPERM", 13, "EACCES", 22, "EINVAL", 38, "ENOSYS", 95, "EOPNOTSUPP");

        public static final Errno EPERM = new Errno(1);
        public static final Errno ENOSYS = new Errno(38);

        public Errno {
            if (errno < 0 || errno > MAX_ERRNO) {
                throw new IllegalArgumentException("errno " + errno + " is out of range 0.." + MAX_ERRNO);
            }
        }

        public int returnValue() {
            return RET_ERRNO | errno;
        }

        public String scmpName() {
            return "SCMP_ACT_ERRNO";
        }

        public String describe() {
            return "ERRNO(" + NAMES.getOrDefault(errno, Integer.toString(errno)) + ")";
        }
    }

    /** Stops the caller for its ptrace tracer with {@code data} as the event message. */
    record Trace(int data) implements Action {
        public Trace {
            if (data < 0 || data > 0xffff) {
                throw new IllegalArgumentException("trace data " + data + " is out of range 0..65535");
            }
        }

        public int returnValue() {
            return RET_TRACE | data;
        }

        public String scmpName() {
            return "SCMP_ACT_TRACE";
        }

        public String describe() {
            return "TRACE(" + data + ")";
        }
    }

    /** Runs the call and logs it to the audit log. */
    record Log() implements Action {
        public int returnValue() {
            return RET_LOG;
        }

        public String scmpName() {
            return "SCMP_ACT_LOG";
        }

        public String describe() {
            return "LOG";
        }
    }

    record Allow() implements Action {
        public int returnValue() {
            return RET_ALLOW;
        }

        public String scmpName() {
            return "SCMP_ACT_ALLOW";
        }

        public String describe() {
            return "ALLOW";
        }
    }
}
