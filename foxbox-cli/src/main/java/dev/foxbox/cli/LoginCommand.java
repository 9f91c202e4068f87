package dev.foxbox.cli;

import dev.foxbox.registry.RegistryLogin;
import dev.foxbox.registry.RegistrySettings;
import dev.foxbox.registry.auth.AuthFile;
import dev.foxbox.registry.auth.Credential;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to a registry: the credentials are checked with the registry, then stored in an auth.json"
                + " (mode 0600): --authfile, else $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json,"
                + " else ~/.config/containers/auth.json, where podman keeps them too."})
final class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "REGISTRY", description = "host[:port] (default: docker.io).")
    String registry = "docker.io";

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "The user name (asked for when not given).")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "The password; visible to other users in the process list: prefer --password-stdin.")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--authfile", paramLabel = "FILE", description = "The auth.json to write.")
    Path authfile;

    @Override
    public Integer call() throws Exception {
        if (password != null && passwordStdin) {
            throw new IllegalArgumentException("--password and --password-stdin cannot be used together");
        }
        Console console = System.console();
        if (username == null) {
            if (console == null) {
                throw new IllegalArgumentException("no user name given: use --username (there is no terminal to ask on)");
            }
            username = console.readLine("Username: ");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("the user name is empty");
        }
        String secret;
        if (passwordStdin) {
            secret = readStdin(System.in);
        } else if (password != null) {
            spec.commandLine().getErr().println("foxbox: warning: --password on the command line is insecure; use --password-stdin");
            secret = password;
        } else if (console != null) {
            char[] typed = console.readPassword("Password: ");
            secret = typed == null ? "" : new String(typed);
        } else {
            throw new IllegalArgumentException("no password given: use --password-stdin (there is no terminal to ask on)");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        RegistrySettings settings = RegistrySettings.fromEnvironment(System.getenv(), null, warning -> { });
        AuthFile file = authfile != null ? new AuthFile(authfile) : AuthFile.forLogin(System.getenv());
        new RegistryLogin(settings).login(registry, Credential.of(username.strip(), secret), file);
        spec.commandLine().getOut().println("Login Succeeded");
        return 0;
    }

    /** Everything on stdin, without the line end a terminal or echo adds. */
    static String readStdin(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        while (text.endsWith("\n") || text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
