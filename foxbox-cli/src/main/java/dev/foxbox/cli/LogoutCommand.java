package dev.foxbox.cli;

import dev.foxbox.registry.RegistryLogin;
import dev.foxbox.registry.RegistrySettings;
import dev.foxbox.registry.auth.AuthFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Remove the credentials `foxbox login` stored for a registry (from the same auth.json).")
final class LogoutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "REGISTRY", description = "host[:port] (default: docker.io).")
    String registry = "docker.io";

    @Option(names = {"-a", "--all"}, description = "Remove the credentials of every registry.")
    boolean all;

    @Option(names = "--authfile", paramLabel = "FILE", description = "The auth.json to change.")
    Path authfile;

    @Override
    public Integer call() throws Exception {
        AuthFile file = authfile != null ? new AuthFile(authfile) : AuthFile.forLogin(System.getenv());
        if (all) {
            file.removeAll();
            spec.commandLine().getOut().println("Removed login credentials for all registries");
            return 0;
        }
        RegistrySettings settings = RegistrySettings.fromEnvironment(System.getenv(), null, warning -> { });
        if (!new RegistryLogin(settings).logout(registry, file)) {
            throw new IllegalArgumentException("not logged in to " + RegistryLogin.registryName(registry) + " (in "
                    + file.path() + ")");
        }
        spec.commandLine().getOut().println("Removed login credentials for " + RegistryLogin.registryName(registry));
        return 0;
    }
}
