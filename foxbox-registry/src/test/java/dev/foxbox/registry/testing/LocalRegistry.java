package dev.foxbox.registry.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real registry on loopback: Debian's {@code docker-registry} (the distribution project's
 * registry:2), started with a temporary config and storage, stopped by {@link #close()}. Its
 * access log is kept, so tests can count the requests a pull made. One flavour serves plain
 * http; the other serves TLS with a self-signed certificate made here (trust it with
 * {@link #certificate()}) and wants htpasswd basic auth.
 */
public final class LocalRegistry implements AutoCloseable {

    private static final Pattern ACCESS = Pattern.compile("\"(GET|HEAD|PUT|POST|PATCH|DELETE) (\\S+) HTTP/[0-9.]+\" (\\d{3})");

    private final Process process;
    private final String host;
    private final Path log;
    private final Path certificate;
    private final String user;
    private final String password;

    private LocalRegistry(Process process, String host, Path log, Path certificate, String user, String password) {
        this.process = process;
        this.host = host;
        this.log = log;
        this.certificate = certificate;
        this.user = user;
        this.password = password;
    }

    /** A plain-http registry on 127.0.0.1; skips the test when docker-registry is missing. */
    public static LocalRegistry start(Path dir) throws Exception {
        return start(dir, null, null);
    }

    /** TLS with a self-signed certificate for 127.0.0.1, and basic auth for {@code user}. */
    public static LocalRegistry startSecure(Path dir, String user, String password) throws Exception {
        return start(dir, user, password);
    }

    private static LocalRegistry start(Path dir, String user, String password) throws Exception {
        Path binary = Tools.require("docker-registry", "docker-registry");
        Files.createDirectories(dir);
        int port = freePort();
        StringBuilder config = new StringBuilder(String.join("\n",
                "version: 0.1",
                "log:",
                "  level: error",
                "  accesslog:",
                "    disabled: false",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        Path certificate = null;
        if (user != null) {
            Path openssl = Tools.require("openssl", "openssl");
            Path htpasswd = Tools.require("htpasswd", "apache2-utils");
            certificate = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Tools.run(Map.of(), openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
            String entry = Tools.run(Map.of(), htpasswd.toString(), "-Bbn", user, password).strip();
            Files.writeString(dir.resolve("htpasswd"), entry + "\n");
            config.append(String.join("\n",
                    "  tls:",
                    "    certificate: " + certificate,
                    "    key: " + key,
                    "auth:",
                    "  htpasswd:",
                    "    realm: foxbox-test",
                    "    path: " + dir.resolve("htpasswd"),
                    ""));
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config);
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(binary.toString(), "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, "127.0.0.1:" + port, log, certificate, user, password);
        registry.awaitListening(port);
        return registry;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + port + ":\n" + Files.readString(log));
    }

    /** host:port, e.g. {@code 127.0.0.1:40123}. */
    public String host() {
        return host;
    }

    /** The TLS registry's self-signed certificate (PEM); null for the plain one. */
    public Path certificate() {
        return certificate;
    }

    /** Pushes an image from an OCI layout with skopeo ({@code --all} keeps an index whole). */
    public void push(Path layout, String refName, String repositoryAndTag, String... skopeoOptions) throws Exception {
        Path skopeo = Tools.require("skopeo", "skopeo");
        List<String> command = new ArrayList<>(List.of(skopeo.toString(), "copy", "--quiet", "--dest-tls-verify=false"));
        if (user != null) {
            command.add("--dest-creds=" + user + ":" + password);
        }
        command.addAll(List.of(skopeoOptions));
        command.add("oci:" + layout + ":" + refName);
        command.add("docker://" + host + "/" + repositoryAndTag);
        Tools.run(Map.of(), command.toArray(String[]::new));
    }

    /** One request the registry answered. */
    public record Request(String method, String path, int status) {}

    /** Every request answered so far, in order; waits for the access log to settle first. */
    public List<Request> requests() throws Exception {
        long size = -1;
        for (int i = 0; i < 50 && size != Files.size(log); i++) {
            size = Files.size(log);
            Thread.sleep(60);
        }
        List<Request> out = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = ACCESS.matcher(line);
            if (m.find()) {
                out.add(new Request(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
