package org.stowage.bench.placement;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.stowage.device.s3.internal.BenchDevices;
import org.stowage.device.s3.internal.S3Device;

/**
 * Independent S3 servers on 127.0.0.1, in this JVM: one S3Proxy 2.6.0 per endpoint, each over its own jclouds
 * filesystem store (on /dev/shm when there is one, so that the machine's disk does not set their speed), each with
 * bucket {@code bench}. Devices are the product's S3 driver ({@link S3Device}) on a plain DefaultCamelContext, with
 * the driver's defaults (max.in.flight 8); each run opens them under a prefix of its own and {@link #clean} removes
 * what the run stored.
 */
final class S3Endpoints implements AutoCloseable {

    private static final String ACCESS = "bench-access";
    private static final String SECRET = "bench-secret";
    private static final String BUCKET = "bench";

    private final Path root;
    private final List<BlobStoreContext> stores = new ArrayList<>();
    private final List<S3Proxy> proxies = new ArrayList<>();
    private final List<S3Device> open = new ArrayList<>();

    S3Endpoints(int count) throws Exception {
        Path shm = Path.of("/dev/shm");
        root = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "placement-bars")
                : Files.createTempDirectory("placement-bars");
        for (int i = 0; i < count; i++) {
            Path dir = Files.createDirectories(root.resolve("s3-" + i));
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", dir.toString());
            BlobStoreContext store = ContextBuilder.newBuilder("filesystem").credentials(ACCESS, SECRET)
                    .overrides(props).build(BlobStoreContext.class);
            store.getBlobStore().createContainerInLocation(null, BUCKET);
            S3Proxy proxy = S3Proxy.builder().blobStore(store.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                    .v4MaxNonChunkedRequestSize(1L << 30).build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState())) {
                    throw new IllegalStateException("S3Proxy " + i + " failed to start");
                }
                Thread.onSpinWait();
            }
            stores.add(store);
            proxies.add(proxy);
        }
    }

    String where() {
        return proxies.size() + " S3Proxy 2.6.0 servers (filesystem stores below " + root + ") on ports "
                + proxies.stream().map(p -> String.valueOf(p.getPort())).toList();
    }

    /** The S3 device {@code id} on endpoint {@code index}, storing below {@code prefix}. */
    S3Device device(int index, String id, String prefix) {
        S3Device device = BenchDevices.open(id, "http://127.0.0.1:" + proxies.get(index).getPort(), BUCKET, prefix,
                ACCESS, SECRET, 8);
        open.add(device);
        return device;
    }

    /** Closes the devices opened so far and deletes everything they stored. */
    void clean() throws Exception {
        for (S3Device device : open) {
            device.close();
        }
        open.clear();
        for (int i = 0; i < proxies.size(); i++) {
            Path bucket = root.resolve("s3-" + i).resolve(BUCKET);
            try (Stream<Path> entries = Files.list(bucket)) {
                for (Path entry : entries.toList()) {
                    delete(entry);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        clean();
        for (S3Proxy proxy : proxies) {
            proxy.stop();
        }
        for (BlobStoreContext store : stores) {
            store.close();
        }
        delete(root);
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
