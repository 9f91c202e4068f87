package dev.foxbox.registry;

/**
 * How to push.
 *
 * @param maxConcurrentUploads blobs uploaded at once (default 3)
 * @param chunkSize            a blob up to this size is uploaded in one request, a larger one in
 *                             chunks of it (default 8 MiB: registries on object storage want
 *                             chunks of at least 5 MiB); at most one chunk per upload is in memory
 * @param progress             told what happens; see {@link PushProgress}
 */
public record PushOptions(int maxConcurrentUploads, int chunkSize, PushProgress progress) {

    public static final int DEFAULT_CONCURRENT_UPLOADS = 3;
    public static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

    public PushOptions {
        if (maxConcurrentUploads < 1) {
            throw new IllegalArgumentException("--max-concurrent-uploads must be at least 1, not " + maxConcurrentUploads);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("the upload chunk size must be at least 1 byte, not " + chunkSize);
        }
        progress = progress == null ? PushProgress.quiet() : progress;
    }

    public static PushOptions defaults() {
        return new PushOptions(DEFAULT_CONCURRENT_UPLOADS, DEFAULT_CHUNK_SIZE, PushProgress.quiet());
    }

    public PushOptions withMaxConcurrentUploads(int n) {
        return new PushOptions(n, chunkSize, progress);
    }

    public PushOptions withChunkSize(int bytes) {
        return new PushOptions(maxConcurrentUploads, bytes, progress);
    }

    public PushOptions withProgress(PushProgress newProgress) {
        return new PushOptions(maxConcurrentUploads, chunkSize, newProgress);
    }
}
