package org.stowage.device.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stowage.api.device.ByteRange;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads a GET response into a direct buffer and checks it, so that a short, long or corrupt body is never returned
 * as good data: the length must match Content-Length and the requested range, the stream must end there, and a whole
 * object must match the CRC32C stored with it (objects uploaded in parts have none). CRC32C, computed in hardware,
 * catches transfer corruption at little cost; authenticity is the engine's job (it authenticates every blob). A range that reaches past the end of the object
 * is a {@link RangePastEndException}, not a corrupt response.
 */
final class ResponseReader {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /** The range asks for bytes the object does not have. */
    static final class RangePastEndException extends IOException {
        private static final long serialVersionUID = 1L;

        RangePastEndException(String message) {
            super(message);
        }
    }

    private ResponseReader() {
    }

    static ByteBuffer read(ResponseInputStream<GetObjectResponse> stream, ByteRange range) throws IOException {
        try (stream) {
            GetObjectResponse response = stream.response();
            long length = response.contentLength() == null ? -1 : response.contentLength();
            if (!range.isAll()) {
                checkRange(response.contentRange(), range, length);
            }
            if (length < 0 || length > Integer.MAX_VALUE - 16) {
                throw new CorruptResponseException("response has no usable Content-Length (" + length + ")");
            }
            ByteBuffer result = ByteBuffer.allocateDirect((int) length);
            copy(stream, result);
            result.flip();
            if (range.isAll()) {
                verify(response.metadata(), result);
            }
            return result;
        }
    }

    private static void checkRange(String contentRange, ByteRange range, long length) throws IOException {
        Matcher matcher = CONTENT_RANGE.matcher(contentRange == null ? "" : contentRange);
        if (!matcher.matches()) {
            throw new CorruptResponseException("ranged GET " + range + " answered without a valid Content-Range ("
                    + contentRange + ")");
        }
        long first = Long.parseLong(matcher.group(1));
        long last = Long.parseLong(matcher.group(2));
        String total = matcher.group(3);
        if (!total.equals("*") && Long.parseLong(total) < range.end()) {
            throw new RangePastEndException("range " + range + " reaches past the end of the blob (" + total
                    + " bytes)");
        }
        if (first != range.offset() || last != range.end() - 1 || length != range.length()) {
            throw new CorruptResponseException("ranged GET " + range + " answered bytes " + first + "-" + last
                    + " with Content-Length " + length);
        }
    }

    private static void copy(InputStream in, ByteBuffer target) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        while (target.hasRemaining()) {
            int n;
            try {
                n = in.read(chunk, 0, Math.min(chunk.length, target.remaining()));
            } catch (IOException e) { // the server answered, then the body broke off: a bad response, not a dead server
                throw (CorruptResponseException) new CorruptResponseException("response body broke off after "
                        + target.position() + " of " + target.capacity() + " bytes: " + e).initCause(e);
            }
            if (n < 0) {
                throw new CorruptResponseException("response body ended after " + target.position() + " of "
                        + target.capacity() + " bytes (Content-Length)");
            }
            target.put(chunk, 0, n);
        }
        if (in.read() >= 0) {
            throw new CorruptResponseException("response body is longer than its Content-Length of "
                    + target.capacity() + " bytes");
        }
    }

    private static void verify(Map<String, String> metadata, ByteBuffer body) throws IOException {
        String expected = metadata.get(S3Gateway.CRC32C);
        if (expected == null) {
            return;
        }
        String actual = Digests.crc32cHex(body);
        if (!expected.equalsIgnoreCase(actual)) {
            throw new CorruptResponseException("response body does not match the CRC32C stored with the object "
                    + "(stored " + expected + ", read " + actual + ")");
        }
    }
}
