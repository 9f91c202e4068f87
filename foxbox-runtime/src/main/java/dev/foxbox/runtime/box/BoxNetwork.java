package dev.foxbox.runtime.box;

import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.runtime.helper.HelperPlan;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A box's network, decided: slirp4netns (rootless podman's default: a user-mode stack with the
 * box at 10.0.2.100, the gateway 10.0.2.2 and DNS 10.0.2.3), none (loopback only) or the host's;
 * its published ports, with random host ports picked; its /etc/hosts and /etc/resolv.conf.
 */
public final class BoxNetwork {

    static final Path SLIRP4NETNS = Path.of("/usr/bin/slirp4netns");
    static final int MTU = 65520;
    static final String BOX_ADDRESS = "10.0.2.100";
    static final String HOST_ADDRESS = "10.0.2.2";
    static final String DNS_ADDRESS = "10.0.2.3";

    private BoxNetwork() {}

    /** slirp4netns when it can work here, else none, with a note saying why. */
    public static BoxSpec.Network defaultMode(Consumer<String> notes) {
        String missing = slirpMissing();
        if (missing == null) {
            return BoxSpec.Network.SLIRP4NETNS;
        }
        notes.accept("note: " + missing + ", so the box gets no network (--network none)");
        return BoxSpec.Network.NONE;
    }

    /** Why slirp4netns cannot run here, or null when it can. */
    static String slirpMissing() {
        if (!Files.isExecutable(SLIRP4NETNS)) {
            return "slirp4netns is not installed (package slirp4netns)";
        }
        Path tun = Path.of("/dev/net/tun");
        if (!Files.isReadable(tun) || !Files.isWritable(tun)) {
            return "/dev/net/tun is not usable by this user (it should be mode 0666)";
        }
        return null;
    }

    /** The API socket of a box's slirp4netns: short, since a socket's path may not pass 107 bytes. */
    static Path apiSocket(String boxId) throws IOException {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isEmpty() && Files.isWritable(Path.of(runtime))
                ? Path.of(runtime, "foxbox")
                : Path.of(System.getProperty("java.io.tmpdir"), "foxbox-run-" + Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        return dir.resolve("slirp-" + boxId.substring(0, 16) + ".sock");
    }

    /**
     * The ports to publish: the -p mappings, and with -P every port the image EXPOSEs; a host port
     * of 0 becomes a free one, found by binding it.
     */
    static List<HelperPlan.Port> ports(BoxSpec spec, ContainerConfig image) throws IOException {
        List<BoxSpec.PortMapping> wanted = new ArrayList<>(spec.publishing().ports());
        if (spec.publishing().publishAll()) {
            Set<String> mapped = new LinkedHashSet<>();
            wanted.forEach(p -> mapped.add(p.boxPort() + "/" + p.proto()));
            for (String exposed : image.exposedPorts()) {
                String[] parts = exposed.split("/");
                String proto = parts.length > 1 ? parts[1] : "tcp";
                if (mapped.add(parts[0] + "/" + proto)) {
                    wanted.add(new BoxSpec.PortMapping("", 0, Integer.parseInt(parts[0]), proto));
                }
            }
        }
        List<HelperPlan.Port> ports = new ArrayList<>();
        for (BoxSpec.PortMapping p : wanted) {
            String address = p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
            int hostPort = p.hostPort() != 0 ? p.hostPort() : freePort(p.proto(), address);
            ports.add(new HelperPlan.Port(p.proto(), address, hostPort, p.boxPort()));
        }
        return ports;
    }

    private static int freePort(String proto, String address) throws IOException {
        InetAddress bind = InetAddress.getByName(address);
        if (proto.equals("udp")) {
            try (DatagramSocket s = new DatagramSocket(0, bind)) {
                return s.getLocalPort();
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, bind)) {
            return s.getLocalPort();
        }
    }

    /** /etc/hosts for the box: localhost, the box's own name, and with slirp4netns the host's gateway name. */
    static String hostsFile(BoxSpec.Network network, String hostname) throws IOException {
        StringBuilder hosts = new StringBuilder();
        if (network == BoxSpec.Network.HOST && Files.isReadable(Path.of("/etc/hosts"))) {
            hosts.append(Files.readString(Path.of("/etc/hosts")));
            if (hosts.length() > 0 && hosts.charAt(hosts.length() - 1) != '\n') {
                hosts.append('\n');
            }
            hosts.append("127.0.1.1\t").append(hostname).append('\n');
            return hosts.toString();
        }
        hosts.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        if (network == BoxSpec.Network.SLIRP4NETNS) {
            hosts.append(BOX_ADDRESS).append('\t').append(hostname).append('\n');
            hosts.append(HOST_ADDRESS).append("\thost.containers.internal host.foxbox.internal\n");
        } else {
            hosts.append("127.0.1.1\t").append(hostname).append('\n');
        }
        return hosts.toString();
    }

    /**
     * The box's resolver: slirp4netns's DNS forwarder, else the host's (systemd-resolved's stub,
     * unreachable from a box, is replaced by its upstream list).
     */
    static String resolvConf(BoxSpec.Network network) throws IOException {
        if (network == BoxSpec.Network.SLIRP4NETNS) {
            return "nameserver " + DNS_ADDRESS + "\n";
        }
        Path stub = Path.of("/etc/resolv.conf");
        Path upstream = Path.of("/run/systemd/resolve/resolv.conf");
        String text = Files.isReadable(stub) ? Files.readString(stub, StandardCharsets.UTF_8) : "";
        if (text.contains("127.0.0.53") && Files.isReadable(upstream)) {
            text = Files.readString(upstream, StandardCharsets.UTF_8);
        }
        return text;
    }
}
