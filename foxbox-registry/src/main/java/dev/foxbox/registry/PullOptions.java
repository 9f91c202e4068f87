package dev.foxbox.registry;

import dev.foxbox.image.model.Platform;

/**
 * How to pull.
 *
 * @param platform                the platform to pull; null for this machine's, in which case a
 *                                single-platform image for another one is taken as it is (as docker does)
 * @param maxConcurrentDownloads  layers downloaded at once (default 3, as docker's)
 * @param progress                told what happens; see {@link PullProgress}
 */
public record PullOptions(Platform platform, int maxConcurrentDownloads, PullProgress progress) {

    public static final int DEFAULT_CONCURRENT_DOWNLOADS = 3;

    public PullOptions {
        if (maxConcurrentDownloads < 1) {
            throw new IllegalArgumentException("--max-concurrent-downloads must be at least 1, not " + maxConcurrentDownloads);
        }
        progress = progress == null ? PullProgress.quiet() : progress;
    }

    public static PullOptions defaults() {
        return new PullOptions(null, DEFAULT_CONCURRENT_DOWNLOADS, PullProgress.quiet());
    }

    public PullOptions withPlatform(Platform newPlatform) {
        return new PullOptions(newPlatform, maxConcurrentDownloads, progress);
    }

    public PullOptions withMaxConcurrentDownloads(int n) {
        return new PullOptions(platform, n, progress);
    }

    public PullOptions withProgress(PullProgress newProgress) {
        return new PullOptions(platform, maxConcurrentDownloads, newProgress);
    }

    /** The platform to pull: the one asked for, else the host's. */
    public Platform effectivePlatform() {
        return platform != null ? Platform.normalize(platform) : Platform.host();
    }
}
