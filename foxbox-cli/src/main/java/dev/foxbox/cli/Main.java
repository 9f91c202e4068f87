package dev.foxbox.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code foxbox} command: builds the command line, runs it, and exits with its code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one foxbox command line and returns its exit code; nothing here calls System.exit. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new FoxboxCommand());
        // docker's second names for the image commands: foxbox image ls|rm|tag|import.
        CommandLine image = cli.getSubcommands().get("image");
        image.addSubcommand("ls", new ImagesCommand());
        image.addSubcommand("rm", new RmiCommand());
        image.addSubcommand("tag", new TagCommand());
        image.addSubcommand("import", new ImportCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new ErrorHandler());
        cli.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        return cli;
    }
}
