package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.runtime.helper.HelperProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM, root of a user namespace with the boxes' id maps and of a mount namespace of its
 * own, that a build keeps for its layer work ({@link LayerMain} {@code worker}): a JVM starts
 * once per build rather than once per step.
 *
 * <p>The protocol is a line per request and a line per answer, fields separated by tabs and
 * percent-encoded: {@code diff UPPER PATH=LOWER...} and {@code copy JOB DIR MOUNT...} (each
 * mount four fields: target, type, flags, data) are answered {@code ok DIGEST SIZE DIFF_ID} or
 * {@code error MESSAGE}.
 */
final class LayerWorker implements AutoCloseable {

    private final HelperProcess process;
    private final List<Path> files;
    private final Writer requests;
    private final BufferedReader answers;

    private LayerWorker(UserNamespaceCommand.Started started) {
        this.process = started.process();
        this.files = started.files();
        this.requests = new OutputStreamWriter(process.process().getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.process().getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the worker; its JVM boots while the caller goes on. */
    static LayerWorker start(UserNamespaceCommand unshare, DataRoot root) throws IOException {
        List<String> argv = UserNamespaceCommand.java(LayerMain.class, "worker", root.dir().toString());
        ProcessBuilder stdio = new ProcessBuilder().redirectError(ProcessBuilder.Redirect.INHERIT);
        return new LayerWorker(unshare.start(argv, stdio));
    }

    /** Sends a request and waits for its answer: the fields after "ok". */
    synchronized List<String> request(List<String> fields) throws IOException {
        requests.write(encode(fields));
        requests.write('\n');
        requests.flush();
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("the layer worker ended unexpectedly" + exitStatus());
        }
        List<String> answer = decode(line);
        if (answer.get(0).equals("error")) {
            throw new IOException(answer.size() > 1 ? answer.get(1) : "the layer worker failed");
        }
        return answer.subList(1, answer.size());
    }

    @Override
    public void close() {
        try {
            requests.close();
            if (!process.process().waitFor(10, TimeUnit.SECONDS)) {
                process.process().destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.process().destroyForcibly();
        }
        for (Path file : files) {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (IOException e) {
                // a plan file left in ROOT/tmp: harmless, and system prune removes it
            }
        }
    }

    private String exitStatus() {
        try {
            if (process.process().waitFor(2, TimeUnit.SECONDS)) {
                return " (status " + process.waitFor() + ")";
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            return ": " + e.getMessage();
        }
        return "";
    }

    static String encode(List<String> fields) {
        List<String> encoded = new ArrayList<>();
        for (String f : fields) {
            encoded.add(URLEncoder.encode(f, StandardCharsets.UTF_8));
        }
        return String.join("\t", encoded);
    }

    static List<String> decode(String line) {
        List<String> fields = new ArrayList<>();
        for (String f : line.split("\t", -1)) {
            fields.add(URLDecoder.decode(f, StandardCharsets.UTF_8));
        }
        return fields;
    }
}
