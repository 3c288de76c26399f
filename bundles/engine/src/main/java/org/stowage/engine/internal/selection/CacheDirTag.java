package org.stowage.engine.internal.selection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * The Cache Directory Tagging Specification (https://bford.info/cachedir/): a folder is a cache when it holds a
 * regular file {@code CACHEDIR.TAG} whose first 43 bytes are the signature. A file of that name without the
 * signature does not count (the spec asks for the check so that an unrelated file of that name excludes nothing).
 * Stateless.
 */
public final class CacheDirTag {

    public static final String NAME = "CACHEDIR.TAG";
    private static final byte[] SIGNATURE =
            "Signature: 8a477f597d28d172789f06886806bc55".getBytes(StandardCharsets.US_ASCII);

    private CacheDirTag() {
    }

    /**
     * Whether {@code folder} is tagged as a cache. A symbolic link named CACHEDIR.TAG is not followed and does not
     * tag the folder.
     *
     * @throws IOException if the tag file exists but cannot be read
     */
    public static boolean tags(Path folder) throws IOException {
        Path tag = folder.resolve(NAME);
        try {
            BasicFileAttributes attributes = Files.readAttributes(tag, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() < SIGNATURE.length) {
                return false;
            }
        } catch (NoSuchFileException e) {
            return false; // the common case: not a cache
        }
        try (InputStream in = Files.newInputStream(tag, LinkOption.NOFOLLOW_LINKS)) {
            return Arrays.equals(in.readNBytes(SIGNATURE.length), SIGNATURE);
        }
    }
}
