package org.stowage.engine.internal.repo;

/**
 * The outcome of {@link Repository#saveBlob}: whether the blob was new, and how many bytes its stored form takes
 * (0 when it was already known).
 */
public record SaveResult(boolean added, int storedLength) {

    public static final SaveResult KNOWN = new SaveResult(false, 0);
}
