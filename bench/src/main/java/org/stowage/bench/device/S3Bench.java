package org.stowage.bench.device;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.device.s3.internal.BenchDevices;
import org.stowage.device.s3.internal.S3Device;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 write and read throughput of the Stowage S3 driver (camel-aws2-s3, SHA-256 per blob, checked reads) against a
 * plain AWS SDK v2 S3Client, in one run, against the same in-process S3Proxy (jclouds filesystem store in a temp
 * folder, on tmpfs when there is one), with the same bytes and the same number of threads. Each blob goes through
 * both clients back to back, so that both see the same load of a shared machine.
 *
 * <pre>java ... S3Bench [count=64] [mib=16] [threads=4] [rounds=2]</pre>
 */
public final class S3Bench {

    private static final String ACCESS = "bench-access";
    private static final String SECRET = "bench-secret";

    private S3Bench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        // tmpfs when there is one: the bench compares the clients, not the disk of a shared machine
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "s3bench")
                : Files.createTempDirectory("s3bench");
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext store = ContextBuilder.newBuilder("filesystem").credentials(ACCESS, SECRET).overrides(props)
                .build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, "bench");
        S3Proxy proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .v4MaxNonChunkedRequestSize(1L << 30).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        System.out.printf("S3Proxy 2.6.0 (filesystem store in %s) at %s; %d blobs x %d MiB, %d threads, %d rounds%n",
                dir, endpoint, count, mib, threads, rounds);
        byte[][] contents = contents(count, mib);
        try (S3Client plain = plainClient(endpoint, threads);
             S3Device driver = BenchDevices.open(endpoint, "bench", "driver", ACCESS, SECRET, threads)) {
            for (int r = 1; r <= rounds; r++) {
                int round = r;
                String prefix = "plain/" + round + "/";
                double[] write = paired(threads, count, mib,
                        i -> plain.putObject(b -> b.bucket("bench").key(prefix + i),
                                RequestBody.fromBytes(contents[i % contents.length])),
                        i -> driver.put(name(round, i), ByteBuffer.wrap(contents[i % contents.length])));
                double[] read = paired(threads, count, mib,
                        i -> check(plain.getObjectAsBytes(b -> b.bucket("bench").key(prefix + i)).asByteBuffer(), mib),
                        i -> check(driver.get(name(round, i), ByteRange.ALL), mib));
                System.out.printf("round %d  write: driver %7.1f MiB/s, plain SDK %7.1f MiB/s, ratio %5.1f %%%n",
                        round, write[1], write[0], 100 * write[1] / write[0]);
                System.out.printf("round %d  read:  driver %7.1f MiB/s, plain SDK %7.1f MiB/s, ratio %5.1f %%%n",
                        round, read[1], read[0], 100 * read[1] / read[0]);
                for (int i = 0; i < count; i++) { // free the tmpfs for the next round
                    String key = prefix + i;
                    plain.deleteObject(b -> b.bucket("bench").key(key));
                    driver.delete(name(round, i));
                }
            }
        } finally {
            proxy.stop();
            store.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @FunctionalInterface
    private interface Op {
        void run(int index) throws Exception;
    }

    /**
     * Runs blob i through both clients back to back on one of {@code threads} threads (the order alternating with i),
     * so that both see the same load of this shared machine; returns {plain, driver} MiB/s, each as the bytes over
     * its summed operation time divided by the number of threads.
     */
    private static double[] paired(int threads, int count, int mib, Op plain, Op driver) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong plainNanos = new AtomicLong();
        AtomicLong driverNanos = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    if (index % 2 == 0) {
                        plainNanos.addAndGet(timed(plain, index));
                        driverNanos.addAndGet(timed(driver, index));
                    } else {
                        driverNanos.addAndGet(timed(driver, index));
                        plainNanos.addAndGet(timed(plain, index));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        double mibs = (double) count * mib * threads;
        return new double[] {mibs / (plainNanos.get() / 1e9), mibs / (driverNanos.get() / 1e9)};
    }

    private static long timed(Op op, int index) throws Exception {
        long start = System.nanoTime();
        op.run(index);
        return System.nanoTime() - start;
    }

    private static void check(ByteBuffer read, int mib) {
        if (read.remaining() != mib * 1024 * 1024) {
            throw new IllegalStateException("read " + read.remaining() + " bytes, expected " + mib + " MiB");
        }
    }

    private static BlobName name(int round, int index) {
        return BlobName.of(BlobType.DATA, "r" + round + "-" + index);
    }

    /** Eight distinct random blobs, reused round robin (S3Proxy does not deduplicate). */
    private static byte[][] contents(int count, int mib) {
        Random random = new Random(42);
        byte[][] contents = new byte[Math.min(count, 8)][mib * 1024 * 1024];
        for (byte[] content : contents) {
            random.nextBytes(content);
        }
        return contents;
    }

    private static S3Client plainClient(String endpoint, int threads) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(16, threads * 2)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
