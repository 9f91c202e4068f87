package dev.foxbox.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The {@code foxbox} command: builds the command line, runs it, and exits with its code. */
public final class Main {

    /** The commands, in the order help lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("create", CreateCommand::new);
        COMMANDS.put("start", StartCommand::new);
        COMMANDS.put("stop", StopCommand::new);
        COMMANDS.put("kill", KillCommand::new);
        COMMANDS.put("rm", RmCommand::new);
        COMMANDS.put("ps", PsCommand::new);
        COMMANDS.put("top", TopCommand::new);
        COMMANDS.put("logs", LogsCommand::new);
        COMMANDS.put("exec", ExecCommand::new);
        COMMANDS.put("enter", EnterCommand::new);
        COMMANDS.put("inspect", InspectCommand::new);
        COMMANDS.put("wait", WaitCommand::new);
        COMMANDS.put("attach", AttachCommand::new);
        COMMANDS.put("rename", RenameCommand::new);
        COMMANDS.put("container", ContainerCommand::new);
        COMMANDS.put("port", PortCommand::new);
        COMMANDS.put("volume", VolumeCommand::new);
        COMMANDS.put("stats", StatsCommand::new);
        COMMANDS.put("build", BuildCommand::new);
        COMMANDS.put("pull", PullCommand::new);
        COMMANDS.put("push", PushCommand::new);
        COMMANDS.put("login", LoginCommand::new);
        COMMANDS.put("logout", LogoutCommand::new);
        COMMANDS.put("import", ImportCommand::new);
        COMMANDS.put("save", SaveCommand::new);
        COMMANDS.put("load", LoadCommand::new);
        COMMANDS.put("export", ExportCommand::new);
        COMMANDS.put("commit", CommitCommand::new);
        COMMANDS.put("images", ImagesCommand::new);
        COMMANDS.put("rmi", RmiCommand::new);
        COMMANDS.put("tag", TagCommand::new);
        COMMANDS.put("image", ImageCommand::new);
        COMMANDS.put("system", SystemCommand::new);
        COMMANDS.put("completion", CompletionCommand::new);
    }

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one foxbox command line and returns its exit code; nothing here calls System.exit. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err, args).execute(args);
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
        CommandLine cli = new CommandLine(new FoxboxCommand());
        String named = commandWord(args);
        boolean versionOnly = named == null && args.length > 0
                && (Arrays.asList(args).contains("--version") || Arrays.asList(args).contains("-V"));
        boolean all = !versionOnly && (named == null || named.equals("completion") || !COMMANDS.containsKey(named));
        for (Map.Entry<String, Supplier<Object>> c : COMMANDS.entrySet()) {
            if (all || c.getKey().equals(named)) {
                cli.addSubcommand(c.getKey(), c.getValue().get());
            }
        }
        // foxbox run IMAGE ls -l: everything after the image (the box) belongs to the command.
        for (String c : java.util.List.of("run", "create", "exec")) {
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
