package dev.foxbox.registry.config;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where to contact a registry and how: the origin itself or one of its mirrors.
 *
 * @param registry the name credentials are looked up by ({@code docker.io}, {@code localhost:5000})
 * @param host     host[:port] to connect to ({@code registry-1.docker.io} for Docker Hub)
 * @param prefix   a path put before every repository on this host (a mirror's namespace), or ""
 * @param insecure plain http or unverified TLS allowed (configured, or a loopback host)
 * @param caFiles  certificates trusted for this host besides the system's
 */
public record RegistryLocation(String registry, String host, String prefix, boolean insecure, List<Path> caFiles) {

    private static final Pattern HOST_PORT = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?");
    private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    public RegistryLocation {
        if (!isHostPort(host)) {
            throw new IllegalArgumentException("invalid registry host '" + host + "'");
        }
        prefix = prefix == null ? "" : prefix;
        if (!prefix.isEmpty() && !PATH.matcher(prefix).matches()) {
            throw new IllegalArgumentException("invalid repository prefix '" + prefix + "'");
        }
        caFiles = caFiles == null ? List.of() : List.copyOf(caFiles);
    }

    /** The repository path on this host for {@code repository} on the registry. */
    public String repository(String repository) {
        return prefix.isEmpty() ? repository : prefix + "/" + repository;
    }

    /** True for host[:port] with a DNS name, an IPv4 address or a bracketed IPv6 address. */
    public static boolean isHostPort(String text) {
        return text != null && HOST_PORT.matcher(text).matches();
    }

    /** True for hosts on this machine: localhost, 127.0.0.0/8 and ::1, which docker lets use plain http. */
    public static boolean isLoopback(String hostPort) {
        String host = hostPort;
        if (host.startsWith("[")) {
            host = host.substring(1, Math.max(1, host.indexOf(']')));
            return host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || host.matches("127(?:\\.[0-9]{1,3}){3}");
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? host : host + "/" + prefix;
    }
}
