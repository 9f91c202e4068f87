package dev.foxbox.build.context;

/**
 * The build context cannot give what was asked: a COPY source outside it or missing from it, a
 * bad {@code .foxignore} pattern, no Foxfile to build. The message names the path and says why.
 */
public final class ContextException extends RuntimeException {

    public ContextException(String message) {
        super(message);
    }

    public ContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
