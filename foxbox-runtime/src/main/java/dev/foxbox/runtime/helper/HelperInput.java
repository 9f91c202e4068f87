package dev.foxbox.runtime.helper;

import dev.foxbox.runtime.ids.IdMap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place that writes the helper's input: a {@link HelperPlan} in the PLAN format of the
 * helper's {@code protocol.h} ("foxbox-plan 1", then {@code <step> <argc> <len>:<bytes>…} lines).
 * A test reads protocol.h and checks that every step name and exit code here is the helper's.
 */
public final class HelperInput {

    public static final String MAGIC = "foxbox-plan 1";

    /** Exit statuses of the helper itself (protocol.h's HELPER_EXIT_*). */
    public static final int EXIT_FAILED = 125;
    public static final int EXIT_CANNOT_EXEC = 126;
    public static final int EXIT_NOT_FOUND = 127;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private HelperInput() {}

    public static byte[] write(HelperPlan plan) {
        HelperInput input = new HelperInput();
        input.line(MAGIC);
        input.parent(plan);
        input.step("begin");
        for (Step step : plan.steps()) {
            input.child(step);
        }
        return input.out.toByteArray();
    }

    private void parent(HelperPlan plan) {
        List<String> names = new ArrayList<>();
        for (HelperPlan.Namespace ns : HelperPlan.Namespace.values()) {
            if (plan.namespaces().contains(ns)) {
                names.add(ns.name().toLowerCase(Locale.ROOT));
            }
        }
        step("namespaces", names.toArray(new String[0]));
        if (plan.namespaces().contains(HelperPlan.Namespace.USER)) {
            for (IdMap m : plan.ids().uids()) {
                step("uidmap", Long.toString(m.inside()), Long.toString(m.outside()), Long.toString(m.count()));
            }
            for (IdMap m : plan.ids().gids()) {
                step("gidmap", Long.toString(m.inside()), Long.toString(m.outside()), Long.toString(m.count()));
            }
            if (plan.ids().usesIdMapTools()) {
                step("idmapper", "newuidmap", plan.ids().newuidmap().toString(), plan.ids().newgidmap().toString());
            } else {
                step("idmapper", "direct");
            }
        }
        step("errorfile", plan.errorFile().toString());
        if (plan.boxfsLink() != null) {
            step("boxfs-link", plan.boxfsLink().toString());
        }
        if (plan.watch() != null) {
            HelperPlan.Watch w = plan.watch();
            if (w.logFile() != null) {
                step("logfile", w.logFile().toString(), Long.toString(w.logMaxBytes()));
            }
            if (w.stateFile() != null) {
                step("statefile", w.stateFile().toString());
            }
            if (w.detach()) {
                step("detach");
            }
            if (!w.exitCommand().isEmpty()) {
                step("exit-command", w.exitCommand().toArray(new String[0]));
            }
            if (w.removal() != null) {
                String[] paths = new String[w.removal().paths().size()];
                for (int i = 0; i < paths.length; i++) {
                    paths[i] = w.removal().paths().get(i).toString();
                }
                step("remove-on-exit", paths);
                if (w.removal().link() != null) {
                    step("unlink-on-exit", w.removal().link().toString(), w.removal().linkTarget());
                }
            }
        }
        if (plan.joinPid() > 0) {
            step("join", Long.toString(plan.joinPid()));
        }
        if (plan.slirp() != null) {
            HelperPlan.Slirp s = plan.slirp();
            step("slirp4netns", s.binary().toString(), s.apiSocket().toString(), Integer.toString(s.mtu()),
                    s.allowHostLoopback() ? "allow" : "deny");
            for (HelperPlan.Port p : s.ports()) {
                step("portfwd", p.proto(), p.hostAddr(), Integer.toString(p.hostPort()), Integer.toString(p.boxPort()));
            }
        }
        if (plan.cgroup() != null) {
            step("cgroup", plan.cgroup().toString());
        }
        if (plan.trace()) {
            step("trace");
        }
        if (plan.tty()) {
            step("tty");
        }
        if (plan.init()) {
            step("init");
        }
    }

    private void child(Step step) {
        if (step instanceof Step.Rootfs s) {
            step("rootfs", s.source(), s.mountPoint().toString(), s.fsType(), s.flags(), s.data());
        } else if (step instanceof Step.Mount s) {
            step("mount", s.source(), s.target(), s.fsType(), s.flags(), s.data());
        } else if (step instanceof Step.Bind s) {
            step("bind", s.hostPath().toString(), s.target(), s.flags());
        } else if (step instanceof Step.Mkdir s) {
            step("mkdir", s.target(), Integer.toOctalString(s.mode()));
        } else if (step instanceof Step.Symlink s) {
            step("symlink", s.linkTarget(), s.target());
        } else if (step instanceof Step.Mask s) {
            step("mask", s.target());
        } else if (step instanceof Step.ReadOnly s) {
            step("readonly", s.target());
        } else if (step instanceof Step.Pivot) {
            step("pivot");
        } else if (step instanceof Step.RemountRootReadOnly) {
            step("remount-root-ro");
        } else if (step instanceof Step.Hostname s) {
            step("hostname", s.name());
        } else if (step instanceof Step.Loopback) {
            step("loopback");
        } else if (step instanceof Step.Rlimit s) {
            step("rlimit", Integer.toString(s.resource()), limit(s.soft()), limit(s.hard()));
        } else if (step instanceof Step.Stdio s) {
            step("stdio", s.mode().name().toLowerCase(Locale.ROOT));
        } else if (step instanceof Step.User s) {
            List<String> args = new ArrayList<>(List.of(Long.toString(s.uid()), Long.toString(s.gid())));
            for (long g : s.groups()) {
                args.add(Long.toString(g));
            }
            step("user", args.toArray(new String[0]));
        } else if (step instanceof Step.Chdir s) {
            step("chdir", s.path());
        } else if (step instanceof Step.NoNewPrivs) {
            step("no-new-privs");
        } else if (step instanceof Step.Bounding s) {
            step("bounding", hex(s.keep()));
        } else if (step instanceof Step.Caps s) {
            step("caps", hex(s.effective()), hex(s.permitted()), hex(s.inheritable()), hex(s.ambient()));
        } else if (step instanceof Step.Seccomp s) {
            args("seccomp", List.of(s.program(), bytes(Integer.toString(s.rules())), bytes(s.defaultAction()),
                    bytes(Integer.toString(s.flags()))));
        } else if (step instanceof Step.CloseFds) {
            step("close-fds");
        } else if (step instanceof Step.Env s) {
            step("env", s.variables().toArray(new String[0]));
        } else if (step instanceof Step.Exec s) {
            step("exec", s.argv().toArray(new String[0]));
        } else {
            throw new IllegalArgumentException("no protocol for step " + step);
        }
    }

    /** Every step name this class writes, for the protocol test. */
    public static List<String> stepNames() {
        return List.of("namespaces", "uidmap", "gidmap", "idmapper", "errorfile", "boxfs-link", "logfile", "statefile",
                "detach", "join", "exit-command", "remove-on-exit", "unlink-on-exit",
                "slirp4netns", "portfwd", "cgroup", "trace", "tty", "init",
                "begin", "rootfs", "mount", "bind", "mkdir", "symlink", "mask", "readonly", "pivot", "remount-root-ro",
                "hostname", "loopback", "rlimit", "stdio", "user", "chdir", "no-new-privs", "bounding", "caps", "seccomp",
                "close-fds", "env", "exec");
    }

    private static String limit(long value) {
        return value < 0 ? "unlimited" : Long.toString(value);
    }

    /** Sixteen hex digits (not String.format, whose first use sets up a Formatter: start-up time). */
    private static String hex(long mask) {
        String digits = Long.toHexString(mask);
        return "0".repeat(16 - digits.length()) + digits;
    }

    private void step(String name, String... args) {
        List<byte[]> raw = new ArrayList<>();
        for (String a : args) {
            raw.add(bytes(a));
        }
        args(name, raw);
    }

    private void args(String name, List<byte[]> args) {
        write(bytes(name + " " + args.size()));
        for (byte[] a : args) {
            write(bytes(" " + a.length + ":"));
            write(a);
        }
        write(new byte[] {'\n'});
    }

    private void line(String text) {
        write(bytes(text + "\n"));
    }

    private void write(byte[] b) {
        out.write(b, 0, b.length);
    }

    private static byte[] bytes(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL byte in a helper argument");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
