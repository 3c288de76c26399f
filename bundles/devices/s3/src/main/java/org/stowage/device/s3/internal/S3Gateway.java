package org.stowage.device.s3.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import org.stowage.api.device.ByteRange;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One attempt of each S3 operation, through camel-aws2-s3 producer endpoints. The endpoints are created on first
 * use, not at start: an aws2-s3 endpoint contacts S3 when it starts ({@code headBucket}), and a device whose S3 is
 * down must still register (OFFLINE) instead of failing activation. An endpoint that fails to start is removed
 * again, so the next call tries afresh. Three endpoints share one SDK client: plain (single PUT, GET, HEAD,
 * DELETE), multipart (camel's {@code multiPartUpload}) and pojo (a {@code ListObjectsRequest} with a marker, since
 * camel's own {@code listObjects} returns only the first page). Thread-safe.
 */
final class S3Gateway implements AutoCloseable {

    /**
     * User metadata with the CRC32C of the object's content (single PUTs only: camel's multipart upload sets no
     * metadata). Checked on whole reads and used by put's write-once check; computed in hardware, so it costs little.
     */
    static final String CRC32C = "stowage-crc32c";

    private final CamelContext camel;
    private final ProducerTemplate template;
    private final String bucket;
    private final long multipartThreshold;
    private final String plainUri;
    private final String multipartUri;
    private final String pojoUri;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    /** Starts {@code camel} (which has no routes, so starting does not touch S3). */
    S3Gateway(CamelContext camel, S3Client client, S3Settings settings) {
        this.camel = camel;
        this.bucket = settings.bucket();
        this.multipartThreshold = settings.multipartThreshold();
        String bean = "stowage-s3-client-" + settings.descriptor().id();
        camel.getRegistry().bind(bean, S3Client.class, client);
        String base = "aws2-s3://" + bucket + "?amazonS3Client=#" + bean + "&autoCreateBucket="
                + settings.createBucket() + (settings.storageClass().isEmpty() ? ""
                : "&storageClass=" + settings.storageClass());
        this.plainUri = base;
        this.multipartUri = base + "&multiPartUpload=true&partSize=" + settings.partSize();
        this.pojoUri = base + "&pojoRequest=true";
        camel.start();
        this.template = camel.createProducerTemplate();
    }

    /** Stores {@code content} (position to limit, untouched) under {@code key}, with its CRC32C as metadata. */
    void put(String key, ByteBuffer content, String crc32c) throws Exception {
        Map<String, String> metadata = Map.of(CRC32C, crc32c);
        long size = content.remaining();
        send(size >= multipartThreshold ? multipartUri : plainUri, in -> {
            in.setHeader(AWS2S3Constants.KEY, key);
            in.setHeader(AWS2S3Constants.CONTENT_LENGTH, size);
            in.setHeader(AWS2S3Constants.METADATA, metadata);
            in.setBody(new ByteBufferInputStream(content));
        });
    }

    /** The object's metadata, or empty when there is no such object. */
    Optional<HeadObjectResponse> head(String key) throws Exception {
        try {
            Exchange exchange = send(plainUri, in -> {
                in.setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.headObject);
                in.setHeader(AWS2S3Constants.KEY, key);
            });
            return Optional.of(exchange.getMessage().getMandatoryBody(HeadObjectResponse.class));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404 && FailureKind.of(e) == FailureKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Opens {@code range} of the object; the caller reads and closes the stream ({@link ResponseReader}). */
    @SuppressWarnings("unchecked")
    ResponseInputStream<GetObjectResponse> get(String key, ByteRange range) throws Exception {
        Exchange exchange = send(plainUri, in -> {
            in.setHeader(AWS2S3Constants.KEY, key);
            if (range.isAll()) {
                in.setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.getObject);
            } else {
                in.setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.getObjectRange);
                in.setHeader(AWS2S3Constants.RANGE_START, String.valueOf(range.offset()));
                in.setHeader(AWS2S3Constants.RANGE_END, String.valueOf(range.end() - 1));
            }
        });
        return exchange.getMessage().getMandatoryBody(ResponseInputStream.class);
    }

    /** Up to {@code max} objects whose keys start with {@code prefix}, after {@code marker} (null for the first). */
    @SuppressWarnings("unchecked")
    List<S3Object> list(String prefix, String marker, int max) throws Exception {
        ListObjectsRequest request = ListObjectsRequest.builder().bucket(bucket).prefix(prefix).marker(marker)
                .maxKeys(max).build();
        Exchange exchange = send(pojoUri, in -> {
            in.setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.listObjects);
            in.setBody(request);
        });
        return exchange.getMessage().getMandatoryBody(List.class);
    }

    /** Deletes the object; a missing object is no error (S3 answers 204 either way). */
    void delete(String key) throws Exception {
        send(plainUri, in -> {
            in.setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.deleteObject);
            in.setHeader(AWS2S3Constants.KEY, key);
        });
    }

    /** Whether the bucket exists; throws when S3 does not answer. */
    boolean bucketExists() throws Exception {
        Exchange exchange = send(plainUri, in -> {
            in.setHeader(AWS2S3Constants.S3_OPERATION, AWS2S3Operations.headBucket);
            in.setHeader(AWS2S3Constants.OVERRIDE_BUCKET_NAME, bucket);
        });
        return exchange.getMessage().getHeader(AWS2S3Constants.BUCKET_EXISTS, Boolean.TRUE, Boolean.class);
    }

    private Exchange send(String uri, Consumer<Message> request) throws Exception {
        Exchange exchange = template.send(endpoint(uri), e -> request.accept(e.getIn()));
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange;
    }

    private Endpoint endpoint(String uri) throws Exception {
        Endpoint known = endpoints.get(uri);
        if (known != null) {
            return known;
        }
        synchronized (endpoints) {
            known = endpoints.get(uri);
            if (known != null) {
                return known;
            }
            try {
                Endpoint endpoint = camel.getEndpoint(uri);
                endpoints.put(uri, endpoint);
                return endpoint;
            } catch (RuntimeException e) {
                try {
                    camel.removeEndpoints(uri); // a half-started endpoint must not be reused
                } catch (Exception cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
    }

    /** Stops the endpoints and the CamelContext; the SDK client is closed by its owner. */
    @Override
    public void close() throws Exception {
        try {
            template.close();
        } finally {
            camel.close();
        }
    }
}
