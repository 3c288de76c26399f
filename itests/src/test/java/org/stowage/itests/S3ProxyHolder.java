package org.stowage.itests;

import java.io.File;
import java.net.URI;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for the Karaf integration tests: S3Proxy on 127.0.0.1 in the Pax Exam driver JVM, over a jclouds
 * filesystem store under {@code target/}. Started from a {@code @Configuration} method only (driver JVM); the test
 * code inside Karaf reaches it over HTTP and never loads this class.
 */
final class S3ProxyHolder {

    static final String ACCESS_KEY = "itest-access";
    static final String SECRET_KEY = "itest-SECRET-not-shown";

    private static S3Proxy proxy;
    private static int port;

    private S3ProxyHolder() {
    }

    /** Starts the server once per driver JVM, with {@code bucket}; returns its endpoint. */
    static synchronized String start(String bucket) throws Exception {
        if (proxy == null) {
            File dir = new File("target/s3proxy-it/" + System.nanoTime());
            if (!dir.mkdirs()) {
                throw new IllegalStateException("cannot create " + dir.getAbsolutePath());
            }
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", dir.getAbsolutePath());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials(ACCESS_KEY, SECRET_KEY)
                    .overrides(props).build(BlobStoreContext.class);
            context.getBlobStore().createContainerInLocation(null, bucket);
            proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState())) {
                    throw new IllegalStateException("S3Proxy failed to start");
                }
                Thread.onSpinWait();
            }
            port = proxy.getPort();
        }
        return "http://127.0.0.1:" + port;
    }
}
