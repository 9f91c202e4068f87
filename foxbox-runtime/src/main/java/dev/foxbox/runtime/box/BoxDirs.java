package dev.foxbox.runtime.box;

import java.nio.file.Path;

/**
 * A box's directory on the host, {@code ROOT/boxes/<id>/}:
 * <pre>
 *   upper/ work/   the box's own changes (overlay's upper and work directories)
 *   rootfs/        where the box's root is mounted, inside its mount namespace
 *   boxfs          while the box runs, a symlink to its root as the host sees it
 *   hosts hostname resolv.conf   bound onto the box's /etc
 *   helper.plan helper.error     what the helper was told, and why it failed
 *   box.json       the record (name, image, spec); state.json, written by the box's monitor
 *   box.log (.1)   what the box wrote on stdout and stderr, CRI format
 * </pre>
 */
record BoxDirs(Path dir) {

    Path upper() {
        return dir.resolve("upper");
    }

    Path work() {
        return dir.resolve("work");
    }

    Path rootfs() {
        return dir.resolve("rootfs");
    }

    Path boxfs() {
        return dir.resolve("boxfs");
    }

    Path hosts() {
        return dir.resolve("hosts");
    }

    Path hostname() {
        return dir.resolve("hostname");
    }

    Path resolvConf() {
        return dir.resolve("resolv.conf");
    }

    Path plan() {
        return dir.resolve("helper.plan");
    }

    Path error() {
        return dir.resolve("helper.error");
    }

    Path state() {
        return dir.resolve("state.json");
    }

    Path log() {
        return dir.resolve("box.log");
    }

    /** The ports published at the last start: "proto hostaddr hostport boxport" lines. */
    Path ports() {
        return dir.resolve("ports");
    }

    /** The box's cgroup, if it has one: its path, or empty. */
    Path cgroup() {
        return dir.resolve("cgroup");
    }
}
