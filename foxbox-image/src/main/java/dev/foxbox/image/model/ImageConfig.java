package dev.foxbox.image.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An image's configuration blob: what to run ({@link ContainerConfig}), for which platform, the
 * uncompressed layer digests ({@link RootFs}) and how each layer came to be ({@link History}).
 */
public record ImageConfig(
        Instant created,
        String author,
        String architecture,
        String os,
        String variant,
        String osVersion,
        ContainerConfig config,
        RootFs rootfs,
        List<History> history) {

    public ImageConfig {
        config = config == null ? ContainerConfig.EMPTY : config;
        rootfs = rootfs == null ? new RootFs(List.of()) : rootfs;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The layers' uncompressed digests, bottom first. */
    public record RootFs(List<Digest> diffIds) {
        public RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }

        public String type() {
            return "layers";
        }
    }

    /** One step of how the image was made; empty_layer steps changed only the config. */
    public record History(Instant created, String createdBy, String author, String comment, boolean emptyLayer) {}

    public Platform platform() {
        return new Platform(os == null ? "linux" : os, architecture == null ? "amd64" : architecture, variant);
    }

    public ImageConfig withConfig(ContainerConfig newConfig) {
        return new ImageConfig(created, author, architecture, os, variant, osVersion, newConfig, rootfs, history);
    }

    /** This config with one more layer and the history entry that made it. */
    public ImageConfig withLayer(Digest diffId, History step) {
        List<Digest> ids = new ArrayList<>(rootfs.diffIds());
        ids.add(diffId);
        return withHistory(step).withRootFs(new RootFs(ids));
    }

    public ImageConfig withHistory(History step) {
        List<History> steps = new ArrayList<>(history);
        steps.add(step);
        return new ImageConfig(created, author, architecture, os, variant, osVersion, config, rootfs, steps);
    }

    public ImageConfig withRootFs(RootFs newRootFs) {
        return new ImageConfig(created, author, architecture, os, variant, osVersion, config, newRootFs, history);
    }

    public ImageConfig withCreated(Instant newCreated) {
        return new ImageConfig(newCreated, author, architecture, os, variant, osVersion, config, rootfs, history);
    }
}
