package org.stowage.device.s3.internal;

import java.net.URI;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for tests: S3Proxy on 127.0.0.1 over an in-memory jclouds "transient" store. It can be stopped
 * and started again on the same port; the stored objects survive, as they would on a restarted S3 server.
 */
final class S3Server implements AutoCloseable {

    static final String ACCESS_KEY = "stowage-test-access";
    /** Tests assert that this string never shows up in a message, status or detail. */
    static final String SECRET_KEY = "stowage-test-SECRET-must-not-leak";

    private final BlobStoreContext context;
    private S3Proxy proxy;
    private int port;

    private S3Server(int port) throws Exception {
        this.context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(new Properties()).build(BlobStoreContext.class);
        this.port = port;
        start();
    }

    /** Starts a server on a free port. */
    static S3Server start(int port) throws Exception {
        return new S3Server(port);
    }

    void start() throws Exception {
        proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .v4MaxNonChunkedRequestSize(512L << 20)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState())) {
                throw new IllegalStateException("S3Proxy failed to start on port " + port);
            }
            Thread.onSpinWait();
        }
        port = proxy.getPort();
    }

    void stop() throws Exception {
        proxy.stop();
    }

    int port() {
        return port;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    BlobStore store() {
        return context.getBlobStore();
    }

    void createBucket(String bucket) {
        store().createContainerInLocation(null, bucket);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
