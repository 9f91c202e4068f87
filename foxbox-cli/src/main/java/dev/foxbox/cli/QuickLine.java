package dev.foxbox.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The command lines of the two hot commands, {@code run} and {@code pull}, read without picocli.
 *
 * <p>Before picocli parses anything it builds a model of the command from its annotations, by
 * reflection: 40–60 ms of a cold JVM, more than all the rest of {@code foxbox run --rm IMAGE
 * true}. So the options of these two commands are read here, into the same command objects, and
 * the same code runs them. Anything this does not read exactly as picocli would (help, an option
 * it does not know, a value that looks like an option, a number with a sign, an option given
 * twice, a mistake to report) makes it step aside, and picocli reads the whole line: it stays the
 * one authority on the command line, and this only a shortcut. {@code QuickLineTest} reads every
 * option of both commands both ways and compares.
 */
final class QuickLine {

    private final String[] args;
    private int next;
    private String root;
    private final Set<String> seen = new HashSet<>();

    private QuickLine(String[] args) {
        this.args = args;
    }

    /** A command line read: the data root it names (or null) and the command object, filled in. */
    record Parsed(String root, Object command) {}

    /** Runs {@code args} when this can read them; null when picocli must. */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        Parsed parsed = read(args);
        if (parsed == null) {
            return null;
        }
        FoxboxCommand foxbox = new FoxboxCommand();
        foxbox.root = parsed.root();
        foxbox.err = err;
        try {
            return parsed.command() instanceof RunCommand run ? run.run(foxbox, out)
                    : ((PullCommand) parsed.command()).pull(foxbox, out, err);
        } catch (Exception e) {
            return ErrorHandler.report(e, err);
        }
    }

    /** {@code args} read as picocli would read them, or null where picocli must read them. */
    static Parsed read(String[] args) {
        QuickLine line = new QuickLine(args);
        String command = line.command();
        Object read = "run".equals(command) ? line.run() : "pull".equals(command) ? line.pull() : null;
        return read == null ? null : new Parsed(line.root, read);
    }

    /** The global options, then the command's name; null at any global option but --root. */
    private String command() {
        while (next < args.length) {
            String arg = args[next++];
            if (!arg.startsWith("-")) {
                return arg;
            }
            if (!root(arg)) {
                return null;
            }
        }
        return null;
    }

    /** {@code --root DIR} or {@code --root=DIR}, which every command takes. */
    private boolean root(String arg) {
        String value = arg.equals("--root") ? value() : arg.startsWith("--root=") ? arg.substring(7) : null;
        if (value == null || !seen.add("--root")) {
            return false;
        }
        root = value;
        return true;
    }

    /** {@code run [OPTIONS] IMAGE [COMMAND…]}: options end at the image; the rest is the box's command. */
    private RunCommand run() {
        RunCommand run = new RunCommand();
        while (next < args.length && args[next].startsWith("-") && args[next].length() > 1) {
            String arg = args[next++];
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("--") && arg.length() > 2) { // -it: short flags together
                for (int i = 1; i < arg.length(); i++) {
                    if (!flag(run, "-" + arg.charAt(i))) {
                        return null;
                    }
                }
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (eq < 0 && flag(run, name)) {
                continue;
            }
            String value = eq > 0 && arg.startsWith("--") ? arg.substring(eq + 1) : value();
            if (value == null || !(name.equals("--root") ? root(name + "=" + value) : option(run.options, name, value))) {
                return null;
            }
        }
        if (next >= args.length) {
            return null; // no image: picocli says what is missing
        }
        run.image = args[next++];
        while (next < args.length) {
            run.command.add(args[next++]);
        }
        return run;
    }

    /** A run option without a value; false when {@code name} is none (or given twice). */
    private boolean flag(RunCommand run, String name) {
        BoxOptions o = run.options;
        String key = switch (name) {
            case "-d", "--detach" -> "detach";
            case "--rm" -> "remove";
            case "-i", "--interactive" -> "interactive";
            case "-t", "--tty" -> "tty";
            case "-P", "--publish-all" -> "publishAll";
            case "--read-only" -> "readOnly";
            case "--privileged" -> "privileged";
            case "--init" -> "init";
            case "--trace" -> "trace";
            default -> null;
        };
        if (key == null || !seen.add(key)) {
            return false;
        }
        switch (key) {
            case "detach" -> run.detach = true;
            case "remove" -> o.remove = true;
            case "interactive" -> o.interactive = true;
            case "tty" -> o.tty = true;
            case "publishAll" -> o.publishAll = true;
            case "readOnly" -> o.readOnly = true;
            case "privileged" -> o.privileged = true;
            case "init" -> o.init = true;
            default -> o.trace = true;
        }
        return true;
    }

    /** A run option with its value; false when {@code name} is none, or the value is not plain. */
    private boolean option(BoxOptions o, String name, String value) {
        switch (name) {
            case "-e", "--env" -> o.env.add(value);
            case "--env-file" -> o.envFiles.add(Path.of(value));
            case "-p", "--publish" -> o.publish.add(value);
            case "-v", "--volume" -> o.volumes.add(value);
            case "--mount" -> o.mounts.add(value);
            case "--tmpfs" -> o.tmpfs.add(value);
            case "--ulimit" -> o.ulimits.add(value);
            case "--cap-add" -> o.capAdd.add(value);
            case "--cap-drop" -> o.capDrop.add(value);
            case "--security-opt" -> o.securityOpts.add(value);
            default -> {
                return single(o, name, value);
            }
        }
        return true;
    }

    /** A run option that may be given once. */
    private boolean single(BoxOptions o, String name, String value) {
        String key = switch (name) {
            case "-w", "--workdir" -> "workdir";
            case "-u", "--user" -> "user";
            case "--entrypoint" -> "entrypoint";
            case "--name" -> "name";
            case "-h", "--hostname" -> "hostname";
            case "--network" -> "network";
            case "-m", "--memory" -> "memory";
            case "--memory-swap" -> "memorySwap";
            case "--cpus" -> "cpus";
            case "-c", "--cpu-shares" -> "cpuShares";
            case "--pids-limit" -> "pidsLimit";
            default -> null;
        };
        if (key == null || !seen.add(key)) {
            return false;
        }
        switch (key) {
            case "workdir" -> o.workdir = value;
            case "user" -> o.user = value;
            case "entrypoint" -> o.entrypoint = value;
            case "name" -> o.name = value;
            case "hostname" -> o.hostname = value;
            case "network" -> o.network = value;
            case "memory" -> o.memory = value;
            case "memorySwap" -> o.memorySwap = value;
            case "cpus" -> {
                if (!decimal(value)) {
                    return false;
                }
                o.cpus = Double.parseDouble(value);
            }
            case "cpuShares" -> {
                if (!digits(value)) {
                    return false;
                }
                o.cpuShares = Long.parseLong(value);
            }
            default -> {
                if (!digits(value)) {
                    return false;
                }
                o.pidsLimit = Long.parseLong(value);
            }
        }
        return true;
    }

    /** {@code pull [OPTIONS] IMAGE}, options before or after the image, as picocli allows. */
    private PullCommand pull() {
        PullCommand pull = new PullCommand();
        while (next < args.length) {
            String arg = args[next++];
            if (!arg.startsWith("-")) {
                if (pull.image != null) {
                    return null;
                }
                pull.image = arg;
                continue;
            }
            if ((arg.equals("-q") || arg.equals("--quiet")) && seen.add("quiet")) {
                pull.quiet = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            String value = eq > 0 && arg.startsWith("--") ? arg.substring(eq + 1) : value();
            if (value == null || !seen.add(name)) {
                return null;
            }
            switch (name) {
                case "--platform" -> pull.platform = value;
                case "--authfile" -> pull.authfile = Path.of(value);
                case "--max-concurrent-downloads" -> {
                    if (!digits(value) || value.length() > 9) {
                        return null;
                    }
                    pull.maxConcurrentDownloads = Integer.parseInt(value);
                }
                case "--root" -> root = value;
                default -> {
                    return null;
                }
            }
        }
        return pull.image == null ? null : pull;
    }

    /** The next argument as an option's value; null when there is none or it looks like an option. */
    private String value() {
        if (next >= args.length || args[next].startsWith("-")) {
            return null;
        }
        return args[next++];
    }

    private static boolean digits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code 1}, {@code 1.5}: digits with at most one point between them. */
    private static boolean decimal(String text) {
        int point = text.indexOf('.');
        return point < 0 ? digits(text) : digits(text.substring(0, point)) && digits(text.substring(point + 1));
    }
}
