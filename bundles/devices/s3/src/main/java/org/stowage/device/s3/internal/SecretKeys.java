package org.stowage.device.s3.internal;

import static org.stowage.api.device.support.ConfigKeys.invalid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an S3 device's secret key comes from: key {@code secret.key} (the value itself, in the configuration) or key
 * {@code secret.key.file} (an absolute path; the key is the file's first line), never both. The file keeps the
 * secret out of ConfigAdmin, {@code etc/*.cfg} and {@code config:list}. Messages name the configuration, the key
 * and the file, never the secret. Stateless and thread-safe.
 */
final class SecretKeys {

    static final String KEY = "secret.key";
    static final String FILE_KEY = "secret.key.file";

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeys.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretKeys() {
    }

    /**
     * The secret key configured by {@code secret.key} or {@code secret.key.file}; {@link Secret#NONE} when neither
     * is set. Warns in the log when the file can be read by other users than its owner.
     *
     * @param config the configuration's name for messages, e.g. {@code org.stowage.device.s3-offsite}
     * @throws IllegalArgumentException naming the configuration and the key
     */
    static Secret resolve(String config, String value, String file) {
        String inline = value == null ? "" : value.trim();
        String path = file == null ? "" : file.trim();
        if (path.isEmpty()) {
            return inline.isEmpty() ? Secret.NONE : new Secret(inline);
        }
        if (!inline.isEmpty()) {
            throw invalid(config, FILE_KEY, "is set together with '" + KEY + "'; keep one of them: '" + FILE_KEY
                    + "' (recommended: the configuration then holds no secret) or '" + KEY + "'");
        }
        Path secretFile = Path.of(path);
        if (!secretFile.isAbsolute()) {
            throw invalid(config, FILE_KEY, "is '" + path + "', not an absolute path; name the file whose first "
                    + "line is the secret access key by its absolute path");
        }
        Secret secret = new Secret(firstLine(config, secretFile));
        warnIfReadableByOthers(config, secretFile);
        return secret;
    }

    private static String firstLine(String config, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw invalid(config, FILE_KEY, "names " + file + ", which cannot be read (" + e + "); write the secret "
                    + "access key as its first line, readable by the user Karaf runs as only (chmod 600)");
        }
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end));
            String line = chars.toString().trim();
            if (line.isEmpty()) {
                throw invalid(config, FILE_KEY, "names " + file + ", whose first line is empty; write the secret "
                        + "access key as its first line");
            }
            return line;
        } catch (CharacterCodingException e) {
            throw invalid(config, FILE_KEY, "names " + file + ", whose first line is not UTF-8 text; write the "
                    + "secret access key as its first line");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void warnIfReadableByOthers(String config, Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            LOG.warn("{}: key '{}': cannot read the permissions of {} ({}); make sure only the user Karaf runs as "
                    + "can read it", config, FILE_KEY, file, e.toString());
            return;
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            LOG.warn("{}: key '{}': {} has permissions {}, so other users of this host can read the S3 secret key; "
                    + "run `chmod 600 {}`", config, FILE_KEY, file, PosixFilePermissions.toString(permissions), file);
        }
    }
}
