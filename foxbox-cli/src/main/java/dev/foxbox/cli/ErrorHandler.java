package dev.foxbox.cli;

import dev.foxbox.build.foxfile.FoxfileException;
import dev.foxbox.runtime.helper.BoxStartException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a failure becomes what the user sees: a single line on stderr,
 * {@code foxbox: <what went wrong>}, and an exit code. 125 means foxbox itself failed (docker's
 * and podman's convention), usage errors included; commands that run a box pass its code on.
 * Stack traces are shown only with {@code FOXBOX_DEBUG=1}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** foxbox's own failures, as docker and podman report theirs. */
    static final int FAILURE = 125;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        return report(e, cmd.getErr());
    }

    /** Says on {@code err} what went wrong and returns the exit code for it. */
    static int report(Exception e, PrintWriter err) {
        if (e instanceof IOException && "Broken pipe".equals(e.getMessage())) {
            return 141; // the reader went away (| head): quietly, as a tool killed by SIGPIPE
        }
        if (e instanceof FoxfileException f) {
            // a Foxfile's mistake: where, the line, and a caret under the place
            err.println("foxbox: " + f.withSource());
            err.flush();
            return FAILURE;
        }
        err.println("foxbox: " + message(e));
        if (debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("foxbox: " + e.getMessage());
        cmd.getErr().println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        cmd.getErr().flush();
        return FAILURE;
    }

    static int exitCode(Throwable e) {
        if (e instanceof ExitCodeException x) {
            return x.exitCode();
        }
        if (e instanceof BoxStartException b) {
            return b.exitCode();
        }
        return FAILURE;
    }

    /** One line that says what went wrong and where, without Java's class names. */
    static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String text;
        if (t instanceof NoSuchFileException n) {
            text = n.getReason() != null ? n.getReason() : "no such file or directory: " + n.getFile();
        } else if (t instanceof AccessDeniedException a) {
            text = "permission denied: " + a.getFile();
        } else if (t instanceof FileSystemException f) {
            text = (f.getReason() != null ? f.getReason() : "file system error") + ": " + f.getFile();
        } else if (t instanceof FileNotFoundException) {
            text = t.getMessage();
        } else {
            text = t.getMessage();
        }
        if (text == null || text.isBlank()) {
            text = t instanceof IOException ? "I/O error (" + t.getClass().getSimpleName() + ")" : t.toString();
        }
        return text.replace('\n', ' ').strip();
    }

    private static boolean debug() {
        String v = System.getenv("FOXBOX_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }
}
