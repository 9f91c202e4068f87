package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.store.StoredImage;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6: slirp4netns with published ports, outbound connections, volumes and tmpfs. */
class NetworkAndVolumesTest {

    @TempDir
    static Path dir;

    static Foxbox foxbox;

    @BeforeAll
    static void image() throws Exception {
        foxbox = new Foxbox(dir.resolve("root"));
        TestBoxImage.importInto(foxbox, dir);
        derive("probe", "probe-web", c -> c.withExposedPorts(Set.of("80/tcp", "5353/udp"))
                .withVolumes(Set.of("/home/fox")));
    }

    @AfterAll
    static void clean() {
        if (foxbox != null) {
            for (String id : foxbox.run("ps", "-aq", "--no-trunc").out().split("\n")) {
                if (!id.isBlank()) {
                    foxbox.run("rm", "-f", "-v", id.strip());
                }
            }
            foxbox.run("volume", "prune", "-a", "-f");
            foxbox.run("rmi", "-f", "probe", "probe-web");
        }
    }

    static void derive(String from, String to, UnaryOperator<ContainerConfig> change) throws Exception {
        LocalImages images = LocalImages.open(new DataRoot(foxbox.root()));
        StoredImage image = images.get(from);
        ImageConfig config = image.config().withConfig(change.apply(image.config().config()));
        byte[] configBytes = ConfigJson.write(config);
        Descriptor c = new Descriptor(MediaType.OCI_CONFIG, images.store().blobs().put(configBytes), configBytes.length);
        byte[] manifest = OciJson.write(new ImageManifest(c, image.manifest().layers()));
        images.store().tag(new Descriptor(MediaType.OCI_MANIFEST, images.store().blobs().put(manifest), manifest.length),
                ImageReference.parse(to));
    }

    static void requireSlirp() {
        HostTools.require("slirp4netns");
        Path tun = Path.of("/dev/net/tun");
        Assumptions.assumeTrue(Files.isReadable(tun) && Files.isWritable(tun),
                "skipped: /dev/net/tun is not usable by this user (mode 0666 is needed; .ci/run sets it)");
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void httpdPublishedWithDashPIsReachableWithCurl() throws Exception {
        requireSlirp();
        HostTools.require("curl");
        int port = freePort();
        foxbox.runProcess("run", "-d", "--name", "web", "-p", port + ":80", "probe", "httpd", "-f", "-p", "80", "-h", "/etc").ok();
        try {
            String body = "";
            for (int i = 0; i < 50 && !body.contains("web"); i++) {
                body = HostTools.run(dir, java.util.List.of("curl", "-s", "-m", "2", "http://127.0.0.1:" + port + "/hostname")).out();
                Thread.sleep(100);
            }
            assertEquals("web\n", body);
            assertTrue(foxbox.runProcess("ps").ok().out().contains("0.0.0.0:" + port + "->80/tcp"));
            assertEquals("80/tcp -> 0.0.0.0:" + port + "\n", foxbox.runProcess("port", "web").ok().out());
            Foxbox.Result taken = foxbox.runProcess("run", "--rm", "-p", port + ":80", "probe", "true");
            assertEquals(125, taken.exitCode());
            assertTrue(taken.err().contains("already in use"), taken.err());
        } finally {
            foxbox.runProcess("stop", "-t", "0", "web");
            foxbox.runProcess("rm", "-f", "web");
        }
        // Forwarding went with the box.
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            throw new AssertionError("the port is still forwarded after the box stopped");
        } catch (java.io.IOException expected) {
            // refused: nothing listens any more
        }
    }

    @Test
    void udpEchoAndPublishAll() throws Exception {
        requireSlirp();
        // slirp4netns forwards a datagram as if it came from 10.0.2.2, the host: the answer goes
        // there, which only host loopback allows.
        foxbox.runProcess("run", "-d", "--name", "echo", "--network", "slirp4netns:allow_host_loopback=true", "-P", "probe-web",
                "probe", "udp-echo", "5353").ok();
        try {
            String ports = foxbox.runProcess("port", "echo").ok().out();
            assertTrue(ports.contains("80/tcp -> 0.0.0.0:") && ports.contains("5353/udp -> 0.0.0.0:"), ports);
            int udp = Integer.parseInt(foxbox.runProcess("port", "echo", "5353/udp").ok().out().strip().split(":")[1]);
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(1000);
                byte[] hello = "hello over udp".getBytes(StandardCharsets.UTF_8);
                String answer = null;
                for (int i = 0; i < 20 && answer == null; i++) {
                    s.send(new DatagramPacket(hello, hello.length, InetAddress.getLoopbackAddress(), udp));
                    DatagramPacket in = new DatagramPacket(new byte[100], 100);
                    try {
                        s.receive(in);
                        answer = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
                    } catch (java.net.SocketTimeoutException again) {
                        // the box may not listen yet
                    }
                }
                assertEquals("hello over udp", answer);
            }
        } finally {
            foxbox.runProcess("rm", "-f", "-v", "echo");
        }
    }

    @Test
    void outboundToTheHostOnlyWithLoopbackAllowed() throws Exception {
        requireSlirp();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(20000);
            CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    String request = new String(in.readNBytes(16), StandardCharsets.US_ASCII);
                    s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 8\r\n\r\nfrom-box".getBytes(StandardCharsets.US_ASCII));
                    return request;
                } catch (Exception e) {
                    return "failed: " + e;
                }
            });
            String port = Integer.toString(server.getLocalPort());
            Foxbox.Result denied = foxbox.runProcess("run", "--rm", "probe", "probe", "http-get", "10.0.2.2", port, "/hello");
            assertTrue(denied.exitCode() != 0, "the host's loopback was reachable without allow_host_loopback");
            Foxbox.Result allowed = foxbox.runProcess("run", "--rm", "--network", "slirp4netns:allow_host_loopback=true",
                    "probe", "probe", "http-get", "10.0.2.2", port, "/hello");
            assertEquals("from-box", allowed.out(), allowed.err());
            assertTrue(got.get(30, TimeUnit.SECONDS).startsWith("GET /hello"));
        }
        Foxbox.Result resolv = foxbox.runProcess("run", "--rm", "probe", "cat", "/etc/resolv.conf", "/etc/hosts").ok();
        assertTrue(resolv.out().contains("nameserver 10.0.2.3") && resolv.out().contains("10.0.2.2\thost.containers.internal"), resolv.out());
    }

    @Test
    void volumesPersistAndReadOnlyIsEnforced() throws Exception {
        Path host = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(host.resolve("from-host"), "hi\n");
        foxbox.runProcess("run", "--rm", "--network", "none", "-v", "keep:/data", "-v", host + ":/host", "probe", "sh", "-c",
                "echo kept > /data/file; cat /host/from-host; echo back > /host/from-box").ok();
        assertEquals("back\n", Files.readString(host.resolve("from-box")));
        assertEquals("kept\n", foxbox.runProcess("run", "--rm", "--network", "none", "-v", "keep:/data:ro", "probe",
                "cat", "/data/file").ok().out());
        Foxbox.Result ro = foxbox.runProcess("run", "--rm", "--network", "none", "--mount", "type=volume,source=keep,target=/data,readonly",
                "probe", "touch", "/data/other");
        assertTrue(ro.exitCode() != 0 && ro.err().contains("Read-only"), ro.err());
        Foxbox.Result missing = foxbox.runProcess("run", "--rm", "-v", dir.resolve("nope") + ":/x", "probe", "true");
        assertEquals(125, missing.exitCode());
        assertTrue(missing.err().contains("bind source path does not exist"), missing.err());
        assertFalse(Files.exists(dir.resolve("nope")), "a missing -v source was created");
        assertTrue(foxbox.runProcess("volume", "ls").ok().out().contains("keep"));
        foxbox.runProcess("volume", "rm", "keep").ok();
    }

    @Test
    void aNewVolumeIsFilledFromTheImageAndAnonymousOnesGoWithRmV() throws Exception {
        // probe-web declares VOLUME /home/fox, which holds "owned" in the image.
        foxbox.runProcess("run", "--name", "vols", "--network", "none", "probe-web", "stat", "-c", "%u %n", "/home/fox/owned").ok();
        String volumes = foxbox.runProcess("volume", "ls", "-q").ok().out();
        assertEquals(1, volumes.lines().filter(v -> v.matches("[0-9a-f]{64}")).count(), volumes);
        assertEquals("owned by fox\n", foxbox.runProcess("run", "--rm", "--network", "none", "-v", "filled:/home/fox",
                "probe", "cat", "/home/fox/owned").ok().out());
        foxbox.runProcess("rm", "-v", "vols").ok();
        assertEquals(0, foxbox.runProcess("volume", "ls", "-q").ok().out().lines().filter(v -> v.matches("[0-9a-f]{64}")).count());
        foxbox.runProcess("volume", "rm", "filled").ok();
    }

    @Test
    void tmpfsSizeIsEnforced() throws Exception {
        Foxbox.Result r = foxbox.runProcess("run", "--rm", "--network", "none", "--tmpfs", "/scratch:size=1m", "probe", "sh", "-c",
                "dd if=/dev/zero of=/scratch/big bs=1k count=2048 2>/dev/null; echo status=$?; ls -l /scratch/big");
        assertTrue(r.out().contains("status=1") && r.out().contains(" 1048576 "), r.out() + r.err());
    }

    @Test
    void limitsAreEnforcedWhereCgroupV2IsDelegated() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")),
                "skipped: this host has no unified cgroup v2 hierarchy (hybrid or v1): limits cannot be enforced here");
        Foxbox.Result r = foxbox.runProcess("run", "--rm", "--network", "none", "--pids-limit", "8", "--memory", "32m",
                "probe", "sh", "-c", "cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max;"
                        + " for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 5 & done 2>/dev/null; wait; echo done");
        Assumptions.assumeFalse(r.exitCode() == 125 && r.err().contains("cannot enforce"),
                "skipped: cgroup v2 controllers are not delegated to this user: " + r.err());
        assertTrue(r.out().startsWith("33554432\n8\n"), r.out() + r.err());
        assertTrue(r.err().contains("Resource temporarily unavailable") || r.err().contains("can't fork"), r.err());
    }

    @Test
    void limitsThatCannotBeEnforcedAreRefusedNotDropped() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")),
                "skipped: this host has cgroup v2; CgroupsTest covers the limits");
        Foxbox.Result r = foxbox.runProcess("run", "--rm", "--network", "none", "--memory", "64m", "probe", "true");
        assertEquals(125, r.exitCode());
        assertTrue(r.err().contains("cannot enforce the memory limit") && r.err().contains("cgroup v1"), r.err());
        assertEquals(0, foxbox.runProcess("run", "--rm", "--network", "none", "probe", "true").exitCode());
    }
}
