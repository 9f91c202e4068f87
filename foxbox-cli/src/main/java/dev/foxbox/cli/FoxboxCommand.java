package dev.foxbox.cli;

import dev.foxbox.build.builder.BuildCache;
import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.ImageNotFoundException;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.ImagePuller;
import dev.foxbox.registry.PullOptions;
import dev.foxbox.registry.RegistrySettings;
import dev.foxbox.runtime.box.BoxRecords;
import dev.foxbox.runtime.box.Boxes;
import dev.foxbox.runtime.box.ImageResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top of the command tree; holds the options every command shares. */
@Command(name = "foxbox",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A rootless, daemonless container toolchain: pull, build and run boxes.",
        commandListHeading = "%nCommands:%n",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Run 'foxbox COMMAND --help' for more information on a command."})
public final class FoxboxCommand implements Runnable {

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where foxbox keeps its data (default: $FOXBOX_ROOT, else $XDG_DATA_HOME/foxbox, else ~/.local/share/foxbox).")
    String root;

    private LocalImages images;

    /** Where notes and warnings go; picocli's error stream when null. */
    PrintWriter err;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    DataRoot dataRoot() {
        return DataRoot.resolve(root, System.getenv());
    }

    /** The runtime engine for this invocation's data root; warnings go to stderr. */
    Boxes boxes() throws IOException {
        Boxes boxes = new Boxes(dataRoot(), images(), new ImageResolver() {
            @Override
            public StoredImage resolve(String name) throws IOException {
                return findOrPull(name);
            }
        }, warnings());
        boxes.removeCommand(new Function<String, List<String>>() {
            @Override
            public List<String> apply(String id) {
                return selfCommand("rm", "-f", id);
            }
        });
        return boxes;
    }

    /** A one-line note or warning on stderr. */
    void warn(String text) {
        err().println("foxbox: " + text);
        err().flush();
    }

    /**
     * {@link #warn}, as a Consumer. (Here and in {@link #boxes()} anonymous classes, not lambdas or
     * method references: a box start links no lambda, which spares it java.lang.invoke's set-up;
     * BENCHMARKS.md, "Run".)
     */
    Consumer<String> warnings() {
        return new Consumer<String>() {
            @Override
            public void accept(String text) {
                warn(text);
            }
        };
    }

    private PrintWriter err() {
        return err != null ? err : spec.commandLine().getErr();
    }

    /** This foxbox, as a command line another process can run (a --rm box's monitor does). */
    List<String> selfCommand(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--root", dataRoot().dir().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * An image from the store, or, as docker run does, pulled when the store lacks it (progress on
     * stderr, so a box's own output stays clean). Image ids are never pulled.
     */
    private StoredImage findOrPull(String name) throws IOException {
        try {
            return images().get(name);
        } catch (ImageNotFoundException e) {
            if (!ImageReference.isValid(name)) {
                throw e;
            }
            PrintWriter err = err();
            err.println("Unable to find image '" + name + "' locally");
            err.flush();
            RegistrySettings settings = RegistrySettings.fromEnvironment(System.getenv(), null,
                    w -> err.println("foxbox: warning: " + w));
            try (PullPrinter printer = PullPrinter.create(err, err, false)) {
                return new ImagePuller(images().store(), settings).ensure(name, PullOptions.defaults().withProgress(printer));
            }
        }
    }

    /**
     * The image a build's FROM names: {@link #findOrPull}, or with {@code --pull} pulled from its
     * registry even when the store has it.
     */
    StoredImage baseImage(String name, boolean pull) throws IOException {
        if (!pull) {
            return findOrPull(name);
        }
        PrintWriter err = err();
        RegistrySettings settings = RegistrySettings.fromEnvironment(System.getenv(), null,
                w -> err.println("foxbox: warning: " + w));
        try (PullPrinter printer = PullPrinter.create(err, err, false)) {
            return new ImagePuller(images().store(), settings).pull(name, PullOptions.defaults().withProgress(printer));
        }
    }

    /** The image engine for this invocation's data root, opened on first use. */
    LocalImages images() throws IOException {
        if (images == null) {
            BoxRecords boxes = new BoxRecords(dataRoot());
            images = new LocalImages(dataRoot(), List.of(boxes.gcRoots(), new BuildCache(dataRoot()).gcRoots()),
                    boxes.imageUsers());
        }
        return images;
    }
}
