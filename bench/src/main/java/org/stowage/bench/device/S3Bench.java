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
 * folder), with the same bytes and the same number of threads. Phases alternate plain/driver so that both see the
 * same machine state.
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
        Path dir = Files.createTempDirectory("s3bench");
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
            for (int round = 1; round <= rounds; round++) {
                String prefix = "plain/" + round + "/";
                double plainWrite = run(threads, count, mib, i -> plain.putObject(b -> b.bucket("bench")
                        .key(prefix + i), RequestBody.fromBytes(contents[i % contents.length])));
                double driverWrite = run(threads, count, mib, i -> driver.put(name(round, i),
                        ByteBuffer.wrap(contents[i % contents.length])));
                double plainRead = run(threads, count, mib, i -> check(plain.getObjectAsBytes(b -> b.bucket("bench")
                        .key(prefix + i)).asByteBuffer(), mib));
                double driverRead = run(threads, count, mib, i -> check(driver.get(name(round, i), ByteRange.ALL),
                        mib));
                System.out.printf("round %d  write: driver %7.1f MiB/s, plain SDK %7.1f MiB/s, ratio %5.1f %%%n",
                        round, driverWrite, plainWrite, 100 * driverWrite / plainWrite);
                System.out.printf("round %d  read:  driver %7.1f MiB/s, plain SDK %7.1f MiB/s, ratio %5.1f %%%n",
                        round, driverRead, plainRead, 100 * driverRead / plainRead);
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

    /** Runs {@code op} for 0..count-1 on {@code threads} threads; MiB/s over the wall time. */
    private static double run(int threads, int count, int mib, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    op.run(index);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return (double) count * mib / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
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
