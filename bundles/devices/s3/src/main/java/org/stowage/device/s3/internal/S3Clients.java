package org.stowage.device.s3.internal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the AWS SDK client that the device's camel-aws2-s3 endpoints use (handed to them as a registry bean, so
 * the secret never appears in an endpoint URI, Camel's JMX or logs).
 *
 * <ul>
 *   <li>SDK retries are off: {@link Retrier} retries with full jitter and tells the device's status about
 *       throttling, which the SDK's own loop would hide.</li>
 *   <li>Checksums only when required: S3-compatible stores (S3Proxy, older MinIO and Ceph RGW) reject the trailing
 *       checksums that AWS SDK 2.30+ sends by default. Integrity is kept by the CRC32C the device stores with each
 *       object and by the engine, which authenticates every blob it reads.</li>
 * </ul>
 */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client create(S3Settings settings) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder()
                .maxConnections(Math.max(16, settings.maxInFlight() * 2))
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.socketTimeout());
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(http)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        // The SDK finds some of its parts through the context class loader; in OSGi that must see the SDK's bundles.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(S3Client.class.getClassLoader());
        try {
            return builder.build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKey().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKey(), settings.secretKey().reveal()));
    }
}
