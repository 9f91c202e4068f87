package dev.foxbox.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** The {@code foxbox} command: builds the command line, runs it, and exits with its code. */
public final class Main {

    /** The commands, in the order help lists them. */
    private static final List<String> COMMANDS = List.of("run", "create", "start", "stop", "kill", "rm", "ps", "top",
            "logs", "exec", "enter", "inspect", "wait", "attach", "rename", "container", "port", "volume", "stats",
            "build", "pull", "push", "login", "logout", "import", "save", "load", "export", "commit", "images", "rmi",
            "tag", "image", "system", "completion");

    /** A new command object for one of {@link #COMMANDS}. (A switch, not a table of lambdas: start-up.) */
    private static Object command(String name) {
        return switch (name) {
            case "run" -> new RunCommand();
            case "create" -> new CreateCommand();
            case "start" -> new StartCommand();
            case "stop" -> new StopCommand();
            case "kill" -> new KillCommand();
            case "rm" -> new RmCommand();
            case "ps" -> new PsCommand();
            case "top" -> new TopCommand();
            case "logs" -> new LogsCommand();
            case "exec" -> new ExecCommand();
            case "enter" -> new EnterCommand();
            case "inspect" -> new InspectCommand();
            case "wait" -> new WaitCommand();
            case "attach" -> new AttachCommand();
            case "rename" -> new RenameCommand();
            case "container" -> new ContainerCommand();
            case "port" -> new PortCommand();
            case "volume" -> new VolumeCommand();
            case "stats" -> new StatsCommand();
            case "build" -> new BuildCommand();
            case "pull" -> new PullCommand();
            case "push" -> new PushCommand();
            case "login" -> new LoginCommand();
            case "logout" -> new LogoutCommand();
            case "import" -> new ImportCommand();
            case "save" -> new SaveCommand();
            case "load" -> new LoadCommand();
            case "export" -> new ExportCommand();
            case "commit" -> new CommitCommand();
            case "images" -> new ImagesCommand();
            case "rmi" -> new RmiCommand();
            case "tag" -> new TagCommand();
            case "image" -> new ImageCommand();
            case "system" -> new SystemCommand();
            case "completion" -> new CompletionCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one foxbox command line and returns its exit code; nothing here calls System.exit. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Integer quick = QuickLine.run(args, out, err);
        return quick != null ? quick : commandLine(out, err, args).execute(args);
    }

    /** The whole command tree, for help, completion and tests. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new String[0]);
    }

    /**
     * The command tree for {@code args}. picocli reads every command's annotations when it is
     * added, which costs start-up time (`foxbox run` is a hot path), so only the command that
     * {@code args} names is added; help, completion and unknown commands get them all.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        FoxboxCommand top = new FoxboxCommand();
        top.err = err;
        CommandLine cli = new CommandLine(top);
        String named = commandWord(args);
        boolean versionOnly = named == null && args.length > 0
                && (Arrays.asList(args).contains("--version") || Arrays.asList(args).contains("-V"));
        boolean all = !versionOnly && (named == null || named.equals("completion") || !COMMANDS.contains(named));
        for (String c : COMMANDS) {
            if (all || c.equals(named)) {
                cli.addSubcommand(c, command(c));
            }
        }
        // foxbox run IMAGE ls -l: everything after the image (the box) belongs to the command.
        for (String c : List.of("run", "create", "exec")) {
            if (cli.getSubcommands().containsKey(c)) {
                cli.getSubcommands().get(c).setStopAtPositional(true);
            }
        }
        if (cli.getSubcommands().containsKey("container")) {
            // docker's second names for the box commands: foxbox container ls|rm|start|stop|….
            CommandLine container = cli.getSubcommands().get("container");
            container.addSubcommand("ls", new PsCommand());
            container.addSubcommand("rm", new RmCommand());
            container.addSubcommand("create", new CreateCommand());
            container.addSubcommand("start", new StartCommand());
            container.addSubcommand("stop", new StopCommand());
            container.addSubcommand("kill", new KillCommand());
            container.addSubcommand("inspect", new InspectCommand());
            container.addSubcommand("logs", new LogsCommand());
            container.addSubcommand("top", new TopCommand());
            container.addSubcommand("wait", new WaitCommand());
            container.addSubcommand("rename", new RenameCommand());
        }
        if (cli.getSubcommands().containsKey("image")) {
            // docker's second names for the image commands: foxbox image ls|rm|tag|import.
            CommandLine image = cli.getSubcommands().get("image");
            image.addSubcommand("ls", new ImagesCommand());
            image.addSubcommand("rm", new RmiCommand());
            image.addSubcommand("tag", new TagCommand());
            image.addSubcommand("import", new ImportCommand());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        cli.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        return cli;
    }

    /** The first word that is not a global option: the command. */
    static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--root")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
