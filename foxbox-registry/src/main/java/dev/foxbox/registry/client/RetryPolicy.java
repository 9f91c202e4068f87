package dev.foxbox.registry.client;

import java.time.Duration;

/**
 * How often and how patiently a request is retried after 429, 5xx or a broken connection.
 *
 * @param attempts      tries in all, the first included
 * @param firstDelay    the wait before the first retry; it doubles, up to {@code maxDelay}
 * @param maxDelay      the longest wait the backoff reaches
 * @param maxRetryAfter the longest a registry's {@code Retry-After} is honoured for; longer asks fail
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, Duration maxRetryAfter) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** 5 tries, 0.5 s doubling to 8 s, Retry-After up to a minute: what docker does, roughly. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));
    }

    /** The wait before retry number {@code retry} (1-based), with up to 20% jitter. */
    public Duration backoff(int retry) {
        long millis = firstDelay.toMillis() << Math.min(Math.max(retry - 1, 0), 20);
        millis = Math.min(millis, maxDelay.toMillis());
        long jitter = (long) (millis * 0.2 * java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(millis + jitter);
    }
}
